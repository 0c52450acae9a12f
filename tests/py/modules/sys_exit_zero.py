# sys.exit() and sys.exit(None) end with status 0 and print nothing.
import sys
def main():
    print('working')
    sys.exit()
main()
print('never')

# sys.exit(n) ends the script with status n, running finally blocks first.
import sys
print('before exit')
try:
    sys.exit(3)
finally:
    print('finally runs')
print('never')

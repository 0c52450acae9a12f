# exit(n) raises SystemExit like sys.exit.
print('exiting with 4')
try:
    exit(9)
except SystemExit as e:
    print('caught', e.code)
exit(4)

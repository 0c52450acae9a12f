# A misspelt module attribute gets a suggestion from the module's names.
import sys
print(sys.byteorder in ('little', 'big'))
sys.getrecursionlimt()

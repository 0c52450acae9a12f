# An uncaught ModuleNotFoundError ends the script with a traceback.
import sys
print('before')
import surely_not_a_module
print('after')

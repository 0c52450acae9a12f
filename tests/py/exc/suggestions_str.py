# "Did you mean" is added by the traceback printer only: str(e) has no
# suggestion, and e.name / e.obj say what was looked up.
try:
    lenght = 3
    print(lenhgt)
except NameError as e:
    print(str(e), '|', e.name)
try:
    [].apend(1)
except AttributeError as e:
    print(str(e), '|', e.name, e.obj)
try:
    pritn('x')
except NameError as e:
    print(str(e))

# A traceback through code run by exec(): its frames are in "<string>".
source = '''
def inner(v):
    return v['missing']
inner({})
'''
def run():
    exec(source, {})
print('running')
run()

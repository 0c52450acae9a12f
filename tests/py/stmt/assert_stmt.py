# assert with and without a message.
assert True
assert 1 == 1, 'not shown'
try:
    assert False
except AssertionError as e:
    print('AssertionError', repr(e), e.args)
try:
    assert 1 > 2, 'one is not greater'
except AssertionError as e:
    print('AssertionError', e)
try:
    assert [], ['payload', 1]
except AssertionError as e:
    print('AssertionError', e.args)
def m(x):
    print('message evaluated')
    return x
assert True, m('no')
print('done')

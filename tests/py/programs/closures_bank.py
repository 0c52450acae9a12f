# Accounts as closures over a shared ledger, with errors for bad operations.
def make_account(owner, ledger):
    balance = 0
    def deposit(n):
        nonlocal balance
        if n <= 0:
            raise ValueError('deposit must be positive')
        balance += n
        ledger.append((owner, n))
        return balance
    def withdraw(n):
        nonlocal balance
        if n > balance:
            raise RuntimeError(f'{owner}: insufficient funds ({balance} < {n})')
        balance -= n
        ledger.append((owner, -n))
        return balance
    return {'deposit': deposit, 'withdraw': withdraw, 'balance': lambda: balance}
ledger = []
a = make_account('ann', ledger)
b = make_account('bob', ledger)
a['deposit'](100); b['deposit'](50); a['withdraw'](30)
for op in (lambda: b['withdraw'](80), lambda: a['deposit'](-5)):
    try:
        op()
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
print(a['balance'](), b['balance'](), ledger)

# time.sleep, time.monotonic and time.time_ns: types and ordering only.
import time
t0 = time.monotonic()
n0 = time.time_ns()
time.sleep(0.02)
time.sleep(0)
t1 = time.monotonic()
n1 = time.time_ns()
print(type(t0).__name__, type(n0).__name__)
print(t1 >= t0 + 0.015, n1 > n0)
print(time.sleep(0.001))
for bad in (-1, 'x'):
    try:
        time.sleep(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

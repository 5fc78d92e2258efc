# A relative sleep in a host call (select with a timeout) longer than the limit ends at the limit.
import select
print("waiting", flush=True)
select.select([], [], [], 10)
print("woke up")

"""Train the streetlight network of chapter 6 and watch its error fall.

An example file: pages include it with pymdownx.snippets, and the docs build
runs it like any python block, checking the `#>` lines under each print.
"""

from picturenn import Network
from picturenn.datasets import streetlight

lights, walk = streetlight()
net = Network.random([3, 4, 1], seed=1)
errors = net.train(lights, walk, alpha=0.2, iterations=60)

for error in errors[9::10]:
    print(f"{error:.4f}")
#> 0.6342
#> 0.3584
#> 0.0830
#> 0.0065
#> 0.0003
#> 0.0000

print("walk" if net.forward([1, 0, 1])[0] > 0.5 else "stop")
#> walk

"""The 3-4-1 network of "Watch the network predict", with hand-picked weights.

The weights are chosen so that the input [1, 0, 1] gives the book's figure
numbers: layer 1 reads [0.5, 0.2, 0, 0.9] after relu and the prediction 0.9.
They read that way printed with %g (6 significant digits); not every sum is
exact in binary floating point (the last line below prints hidden sum 2 in
full). Hidden value 2 sums to a negative number so that relu visibly zeroes it.
"""

from picturenn import Network

W_0 = [  # 3 inputs (rows) × 4 hidden values (columns)
    [0.3, 0.1, -0.6, 0.4],
    [0.8, -0.5, 0.2, -0.3],
    [0.2, 0.1, 0.2, 0.5],
]
W_1 = [  # 4 hidden values (rows) × 1 prediction (column)
    [0.6],
    [0.3],
    [-0.8],
    [0.6],
]
net = Network([W_0, W_1])

if __name__ == "__main__":
    # Vector-matrix multiplication, one column (one weighted sum) at a time.
    x = [1, 0, 1]
    trace = net.trace(x)
    lines = []
    for j in range(4):
        terms = " + ".join(f"{x[i]}×{W_0[i][j]}" for i in range(3))
        total, after = trace.sums[0][0, j], trace.layers[1][0, j]
        lines.append(f"hidden {j}: {terms} = {total:g}, after relu {after:g}")
    l_1 = trace.layers[1][0]
    terms = " + ".join(f"{l_1[j]:g}×{W_1[j][0]}" for j in range(4))
    lines.append(f"prediction: {terms} = {trace.layers[2][0, 0]:g}")
    print("\n".join(lines))
    #> hidden 0: 1×0.3 + 0×0.8 + 1×0.2 = 0.5, after relu 0.5
    #> hidden 1: 1×0.1 + 0×-0.5 + 1×0.1 = 0.2, after relu 0.2
    #> hidden 2: 1×-0.6 + 0×0.2 + 1×0.2 = -0.4, after relu 0
    #> hidden 3: 1×0.4 + 0×-0.3 + 1×0.5 = 0.9, after relu 0.9
    #> prediction: 0.5×0.6 + 0.2×0.3 + 0×-0.8 + 0.9×0.6 = 0.9
    print("hidden sum 2 in full:", repr(float(trace.sums[0][0, 2])))
    #> hidden sum 2 in full: -0.39999999999999997

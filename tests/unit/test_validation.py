"""Every bad input gets a one-line error in the chapter's words."""

import numpy as np
import pytest

from picturenn import Network

NET = Network.random([3, 4, 1], seed=1)


@pytest.mark.parametrize(
    ("weights", "error", "message"),
    [
        ([], ValueError, r"^a network needs at least one weight matrix \(W_0\)$"),
        (np.ones((3, 4)), TypeError, r"^weights must be a list of matrices"),
        ([np.ones(3)], ValueError, r"^W_0 must be a 2-D matrix, got shape 3$"),
        ([np.ones((2, 2, 2))], ValueError, r"^W_0 must be a 2-D matrix, got shape 2×2×2$"),
        (
            [np.ones((3, 4)), np.ones((5, 1))],
            ValueError,
            r"^W_1 has 5 rows but layer 1 has 4 values \(W_0 is 3×4\)$",
        ),
        ([np.ones((3, 4)), [[np.nan]] * 4], ValueError, r"^W_1 contains NaN or infinite"),
        ([[[1, np.inf]]], ValueError, r"^W_0 contains NaN or infinite values$"),
        ([[["a", "b"]]], TypeError, r"^W_0 must hold numbers, found str$"),
        ([[[1, None]]], TypeError, r"^W_0 must hold numbers, found NoneType$"),
        ([None], TypeError, r"^W_0 must be numbers, got None$"),
        ([[[1, 2], [3]]], ValueError, r"^W_0 is ragged"),
        ([np.ones((0, 3))], ValueError, r"^W_0 is empty \(shape 0×3\)$"),
        ([[[1 + 2j]]], TypeError, r"^W_0 must hold numbers, found complex$"),
    ],
)
def test_bad_weights(weights, error, message):
    with pytest.raises(error, match=message):
        Network(weights)


@pytest.mark.parametrize(
    ("widths", "error", "message"),
    [
        ([3], ValueError, r"^a network needs at least 2 layers"),
        ([3, 0, 1], ValueError, r"^layer 1 must have at least 1 value, got 0$"),
        ([3, -2], ValueError, r"^layer 1 must have at least 1 value, got -2$"),
        ([3, 4.5], TypeError, r"^layer 1 width must be a whole number, got float 4.5$"),
        ([3, "4"], TypeError, r"^layer 1 width must be a whole number, got str '4'$"),
        ([True, 1], TypeError, r"^layer 0 width must be a whole number"),
        ("341", TypeError, r"^widths must be a list of layer sizes"),
        (None, TypeError, r"^widths must be a list of layer sizes"),
    ],
)
def test_bad_widths(widths, error, message):
    with pytest.raises(error, match=message):
        Network.random(widths, seed=1)


@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        ([1, 0], ValueError, r"^the input has 2 values per row but layer 0 \(l_0\) has 3$"),
        ([[1, 0, 1, 1]], ValueError, r"^the input has 4 values per row but layer 0"),
        (np.ones((1, 1, 3)), ValueError, r"^the input must be a vector or a matrix of rows"),
        ([1, np.nan, 1], ValueError, r"^the input contains NaN or infinite values$"),
        (["1", "0", "1"], TypeError, r"^the input must hold numbers, found str$"),
        ("101", TypeError, r"^the input must be numbers, got a string$"),
        (None, TypeError, r"^the input must be numbers, got None$"),
        ([], ValueError, r"^the input is empty"),
        ([[1, 0, 1], [1, 0]], ValueError, r"^the input is ragged"),
        (5, ValueError, r"^the input must be a vector or a matrix of rows, got shape a single"),
    ],
)
@pytest.mark.parametrize("method", ["forward", "trace"])
def test_bad_input(method, x, error, message):
    with pytest.raises(error, match=message):
        getattr(NET, method)(x)


@pytest.mark.parametrize(
    ("inputs", "goals", "message"),
    [
        ([[1, 0, 1]] * 4, [1, 1, 0], r"^there are 3 goals for 4 input rows$"),
        ([[1, 0, 1]] * 2, [1], r"^there is 1 goal for 2 input rows$"),
        (
            [[1, 0, 1]] * 2,
            [[1, 0], [1, 0]],
            r"^the goal has 2 values per row but the output layer l_2 has 1$",
        ),
        ([[1, 0, 1]], [np.inf], r"^the goal contains NaN or infinite values$"),
        ([[1, 0, 1]], None, r"^the goal must be numbers, got None$"),
    ],
)
def test_bad_goals(inputs, goals, message):
    with pytest.raises((ValueError, TypeError), match=message):
        Network.random([3, 4, 1], seed=1).train(inputs, goals)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"alpha": "fast"}, r"^alpha must be a number, got str$"),
        ({"alpha": np.nan}, r"^alpha must be finite"),
        ({"iterations": -1}, r"^iterations must be a whole number ≥ 0, got -1$"),
        ({"iterations": 2.5}, r"^iterations must be a whole number"),
    ],
)
def test_bad_training_settings(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        Network.random([3, 4, 1], seed=1).train([[1, 0, 1]], [1], **kwargs)


def test_backprop_checks_its_goal():
    with pytest.raises(ValueError, match=r"^the goal has 2 values but the output layer l_2 has 1$"):
        NET.backprop([1, 0, 1], [1, 0])

"""bench/compare.py --memory-rounds: each worker's median over fresh starts, and the target read from them."""

import compare


def test_the_medians_are_taken_worker_by_worker_in_ascending_order_of_each_round():
    rounds = [
        {"now": {"start": [112.0, 105.0], "after": [118.0, 121.0]}, "baseline": {"start": [1.0], "after": [2.0]}},
        {"now": {"start": [104.0, 109.0], "after": [117.0, 117.0]}, "baseline": {"start": [3.0], "after": [4.0]}},
        {"now": {"start": [108.0, 113.0], "after": [124.0, 119.0]}, "baseline": {"start": [5.0], "after": [6.0]}},
    ]
    memory = compare.median_memory(rounds)
    # the smaller worker of each round (105, 104, 108), then the larger (112, 109, 113)
    assert memory["now"]["start"] == [105.0, 112.0]
    assert memory["now"]["after"] == [118.0, 121.0]
    assert memory["baseline"]["start"] == [3.0]
    assert memory["now"]["rounds"] == [round_["now"] for round_ in rounds]


def test_the_table_says_how_many_starts_and_whether_the_target_is_met(capsys):
    rounds = [{side: {"start": [100.0, 104.0], "after": [109.0, 111.0]} for side in ("now", "baseline")}] * 3
    compare.print_memory(compare.median_memory(rounds))
    printed = capsys.readouterr().out
    assert "medians of 3 starts" in printed
    assert "| now | 100, 104 | 109, 111 | ≤ 110 (MISSED) |" in printed

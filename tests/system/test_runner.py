"""The runner: replicate streams computed alone, chunks in order, results independent of the
chunking and the workers, a stop flag that ends a history at once."""

import threading
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collsec.errors import InputError
from collsec.system import SystemParams, _kernel_args, simulate, simulate_chunks
from collsec.system.runner import chunk_size, replicate_stream, run_chunk

SMALL = SystemParams(states=12, turns=60)


@given(st.integers(0, 2**63), st.integers(0, 40))
def test_a_stream_alone_is_the_child_spawn_gives(seed, index):
    spawned = np.random.SeedSequence(seed).spawn(index + 1)[index]
    alone = replicate_stream(seed, index)
    assert alone.generate_state(8).tolist() == spawned.generate_state(8).tolist()


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 9), st.sampled_from([1, 2]), st.integers(0, 1000))
def test_chunks_concatenated_are_the_table_whatever_the_chunking(batch, workers, seed):
    whole, series = simulate(SMALL, replicates=9, seed=seed, series=True, batch=9)
    chunks = list(simulate_chunks(SMALL, 9, seed, workers, series=True, batch=batch))
    assert [len(rows) for rows, _ in chunks][:-1] == [batch] * (len(chunks) - 1)
    pd.testing.assert_frame_equal(
        pd.concat([r for r, _ in chunks], ignore_index=True), whole, check_exact=True
    )
    pd.testing.assert_frame_equal(
        pd.concat([s for _, s in chunks], ignore_index=True), series, check_exact=True
    )


def test_chunk_sizes_keep_series_small():
    assert chunk_size(10**9, 2, 500, False, None) == 50
    assert chunk_size(10, 2, 500, False, None) == 2
    assert chunk_size(10**6, 1, 100_000, True, None) == 5  # 5 x 100,000 turns x 7 values
    assert chunk_size(10**6, 1, 100_000, True, 3) == 3


def test_replicates_are_bounded_and_checked():
    with pytest.raises(InputError, match="<= 1000000000000"):
        simulate(SMALL, replicates=10**13)
    with pytest.raises(InputError, match="--batch"):
        list(simulate_chunks(SMALL, 3, batch=0))


def test_the_stop_flag_ends_a_long_history_at_once():
    half = {"realpolitik": 0.5, "collective_security": 0.5}  # no state is ever eliminated
    args = _kernel_args(SystemParams(states=400, turns=100_000, doctrines=half))
    stop = np.zeros(1, dtype=np.int64)
    box = {}

    def work():
        try:
            run_chunk(args, 0, 0, 1, False, stop)
        except KeyboardInterrupt:
            box["stopped"] = time.perf_counter()

    run_chunk(_kernel_args(SystemParams(states=5, turns=2)), 0, 0, 1, False)  # compile first
    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(0.5)
    assert thread.is_alive()  # 100,000 turns of 400 states take far longer
    asked = time.perf_counter()
    stop[0] = 1
    thread.join(5)
    assert not thread.is_alive() and box["stopped"] - asked < 0.5

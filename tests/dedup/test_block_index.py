"""The block index: the store's way of clustering, and the bounded memory it keeps between transactions."""
from __future__ import annotations

import random
from datetime import date

import pytest
from test_event_clustering import labelled

from bluebook.dedup.blocks import BlockIndex, assign_indexed, days_of, needs
from bluebook.dedup.events import Cluster, Mention, cluster_events, filed_blocks, type_blocks


def touches(c: Cluster, lo: int, hi: int) -> bool:
    days = days_of(c.date, c.date_end)
    return days is not None and days[0] <= hi and lo <= days[1]


def exact_size(index: BlockIndex) -> int:
    return sum(1 + len(index.spans[b]) + sum(len(lst) for lst in sub.values()) for b, sub in index.blocks.items())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_block_index_clusters_exactly_as_the_linear_scan(seed):
    """The store's path (candidates from a BlockIndex, split by day) agrees with cluster_events."""
    rows = labelled()
    random.Random(seed).shuffle(rows)
    index = BlockIndex()
    ms = [Mention.of(r) for r in rows]
    for m in ms:
        for b in type_blocks(m):
            if b not in index.blocks:
                index.known(b, [])
    a = assign_indexed(ms, index)
    label = {id(c): i for i, c in enumerate(a.new)}
    assert [label[id(c)] for c in a.clusters] == cluster_events(rows)
    assert index.size == exact_size(index)


def test_a_day_mention_is_only_compared_with_its_neighbour_days_and_wider_events():
    index = BlockIndex()
    far = Cluster.new(Mention(type="visit", date="2023-05-20", parties=["VNM", "LAO"]))
    near = Cluster.new(Mention(type="visit", date="2023-05-11", parties=["VNM", "LAO"]))
    month = Cluster.new(Mention(type="visit", date="2023-05", parties=["VNM", "LAO"]))
    m = Mention(type="visit", date="2023-05-10", parties=["VNM", "LAO"])
    for b in type_blocks(m):
        index.known(b, [])
    for c in (far, near, month):
        index.add(c)
    assert {id(c) for c in index.candidates(type_blocks(m), m)} == {id(near), id(month)}
    assert len(index.candidates(type_blocks(m))) == 3


def test_shrinking_forgets_the_least_recently_used_blocks_first():
    index = BlockIndex()
    c = Cluster.new(Mention(type="visit", date="2023-05-10", parties=["VNM", "LAO"]))
    for b in ("a", "b", "c"):
        index.known(b, [c, c])          # the block, its one stretch of days and two events: 4 each
    index.touch(["a"])                  # now b is the oldest, then c, then a
    assert index.shrink(8) == ["b"] and list(index.blocks) == ["c", "a"] and index.size == 8
    assert index.shrink(8) == []
    assert index.shrink(0) == ["c", "a"] and index.size == 0 and index.spans == {}


def day(s: str) -> int:
    return date.fromisoformat(s).toordinal()


def test_an_index_knows_the_days_it_read_and_reads_only_what_it_misses():
    index = BlockIndex()
    m = Mention(type="visit", date="2023-05-10", parties=["VNM", "LAO"])
    wanted = needs([m], [type_blocks(m)])
    assert {(lo, hi) for _, lo, hi in wanted} == {(day("2023-05-09"), day("2023-05-11"))}
    assert index.missing(wanted) == sorted(wanted)
    for b, lo, hi in wanted:
        index.known(b, [], (lo, hi))
    assert index.missing(wanted) == []
    later = Mention(type="visit", date="2023-05-12", parties=["VNM", "LAO"])     # the 11th is known, the 13th not
    assert [(lo, hi) for _, lo, hi in index.missing(needs([later], [type_blocks(later)]))] == \
        [(day("2023-05-11"), day("2023-05-13"))] * len(type_blocks(later))
    for b, lo, hi in needs([later], [type_blocks(later)]):
        index.known(b, [], (lo, hi))
    block = sorted(type_blocks(m))[0]
    assert index.spans[block] == [(day("2023-05-09"), day("2023-05-13"))]      # stretches join up


def test_an_event_is_filed_only_where_its_days_are_known():
    index = BlockIndex()
    m = Mention(type="visit", date="2023-05-10", parties=["VNM", "LAO"])
    for b, lo, hi in needs([m], [type_blocks(m)]):
        index.known(b, [], (lo, hi))
    inside = Cluster.new(Mention(type="visit", date="2023-05-11", parties=["VNM", "LAO"]))
    outside = Cluster.new(Mention(type="visit", date="2023-05-20", parties=["VNM", "LAO"]))
    month = Cluster.new(Mention(type="visit", date="2023-05", parties=["VNM", "LAO"]))
    for c in (inside, outside, month):
        index.add(c)
    held = {id(c) for c in index.clusters()}
    assert id(inside) in held and id(month) in held and id(outside) not in held
    assert index.size == exact_size(index)


@pytest.mark.parametrize(("seed", "per_doc"), [(5, 1), (6, 1), (7, 4)])
def test_an_index_that_forgets_blocks_after_every_document_still_clusters_as_the_linear_scan(seed, per_doc):
    """What the store does with a tiny cache: forgotten blocks are read again from what was stored,
    only the days a document's mentions need, all before clustering them."""
    rows = labelled()
    random.Random(seed).shuffle(rows)
    stored: list[Cluster] = []          # the "database": every canonical event, in founding order
    index = BlockIndex()
    labels: dict[int, int] = {}
    out = []
    for i in range(0, len(rows), per_doc):
        ms = [Mention.of(r) for r in rows[i:i + per_doc]]
        for b, lo, hi in index.missing(needs(ms, [type_blocks(m) for m in ms])):
            index.known(b, [c for c in stored if b in filed_blocks(c) and touches(c, lo, hi)], (lo, hi))
        a = assign_indexed(ms, index)
        for c in a.new:
            labels[id(c)] = len(stored)
            stored.append(c)
        out += [labels[id(c)] for c in a.clusters]
        assert index.size == exact_size(index)
        index.shrink(3)
        assert index.size <= 3
    assert out == cluster_events(rows)

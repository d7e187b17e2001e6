"""Merging the events one document states twice: which fold together, and in what order."""
from __future__ import annotations

from bluebook.events.merge import merge_events
from bluebook.models import Event

STATES = frozenset({"VNM", "LAO", "KHM", "THA", "CHN"})


def ev(type_: str, date: str, parties: list[str], sentence: int, evidence: str = "x", kind: str = "body",
       persons: list[str] | None = None) -> Event:
    return Event(type=type_, date=date, parties=list(parties), evidence=evidence, sentence=(sentence, sentence + 1),
                 kind=kind, persons=list(persons or []), persons_original=list(persons or []))


def test_same_meeting_told_twice_is_one_with_the_most_precise_date():
    out = merge_events([ev("talks", "2021-03", ["VNM", "LAO"], 0), ev("talks", "2021-03-04", ["LAO", "VNM"], 5)], STATES)
    assert len(out) == 1 and out[0].date == "2021-03-04"


def test_other_partner_other_type_or_other_month_stay_apart():
    out = merge_events([ev("talks", "2021-03", ["VNM", "LAO"], 0), ev("talks", "2021-03", ["VNM", "KHM"], 1),
                        ev("visit", "2021-03", ["VNM", "LAO"], 2), ev("talks", "2021-04", ["VNM", "LAO"], 3)], STATES)
    assert [(e.type, e.parties[-1], e.date) for e in out] == [
        ("talks", "LAO", "2021-03"), ("talks", "KHM", "2021-03"), ("visit", "LAO", "2021-03"), ("talks", "LAO", "2021-04")]


def test_a_partner_learned_by_merging_lets_a_later_mention_merge_too():
    # the second mention adds Cambodia to the first; the third names only Cambodia and is the same meeting
    out = merge_events([ev("conference", "2021-05", ["VNM", "LAO"], 0),
                        ev("conference", "2021-05", ["VNM", "LAO", "KHM"], 1),
                        ev("conference", "2021-05", ["VNM", "KHM"], 2)], STATES)
    assert len(out) == 1 and set(out[0].parties) == {"VNM", "LAO", "KHM"}


def test_the_first_compatible_event_absorbs_a_later_one():
    out = merge_events([ev("talks", "2021-05", ["VNM", "LAO"], 0, persons=["A"]),
                        ev("talks", "2021-05", ["VNM", "KHM"], 1, persons=["B"]),
                        ev("talks", "2021-05", ["VNM", "LAO", "KHM"], 2)], STATES)
    assert len(out) == 2 and set(out[0].parties) == {"VNM", "LAO", "KHM"} and out[1].parties == ["VNM", "KHM"]


def test_body_text_replaces_a_caption_as_evidence():
    out = merge_events([ev("talks", "2021-05-02", ["VNM", "THA"], 0, "caption words", kind="caption"),
                        ev("talks", "2021-05", ["VNM", "THA"], 3, "body words")], STATES)
    assert len(out) == 1 and out[0].evidence == "body words" and out[0].date == "2021-05-02"


def test_viet_nam_alone_merges_only_with_viet_nam_alone():
    out = merge_events([ev("aid", "2021", ["VNM"], 0, "1 million masks"), ev("aid", "2021", ["VNM", "LAO"], 1, "1 million masks"),
                        ev("aid", "2021", ["VNM"], 2, "1 million masks")], STATES)
    assert [e.parties for e in out] == [["VNM"], ["VNM", "LAO"]]


def test_many_events_merge_in_linear_order_of_partners():
    # 3,000 distinct meetings: each is filed once; merging keeps them all apart and in order
    events = [ev("talks", f"20{10 + i % 10}-0{1 + i % 9}", ["VNM", f"X{i}"], i) for i in range(3000)]
    out = merge_events(events, STATES)
    assert [e.parties[1] for e in out] == [f"X{i}" for i in range(3000)]


def test_one_envoy_meeting_two_foreign_leaders_is_two_meetings():
    a = ev("talks", "2024-10", ["VNM", "CHN"], 0, persons=["Luong Cuong", "Tap Can Binh"])
    b = ev("talks", "2024-10", ["VNM", "CHN"], 4, persons=["Luong Cuong", "Ly Cuong"])
    a.explain["foreign_persons"], b.explain["foreign_persons"] = ["Tap Can Binh"], ["Ly Cuong"]
    assert len(merge_events([a, b], STATES)) == 2
    c = ev("talks", "2024-10-12", ["VNM", "CHN"], 9, persons=["Tap Can Binh"])
    c.explain["foreign_persons"] = ["Tap Can Binh"]
    out = merge_events([a, b, c], STATES)
    assert len(out) == 2 and out[0].date == "2024-10-12"


def test_a_named_forum_of_a_list_does_not_fold_into_another_forum_of_the_year():
    summit = ev("conference", "2020-11", ["VNM", "ASEAN"], 0, "the 37th ASEAN Summit")
    law = ev("conference", "2020", ["VNM", "ASEAN"], 5, "the ASEAN Law Forum 2020")
    law.explain["item"], law.explain["item_span"] = "the ASEAN Law Forum 2020", (0, 24)
    again = ev("conference", "2020", ["VNM", "ASEAN"], 9, "Viet Nam chaired the ASEAN Law Forum 2020 online")
    out = merge_events([summit, law, again], STATES)
    assert [e.evidence for e in out] == ["the 37th ASEAN Summit", "the ASEAN Law Forum 2020"]


def test_messages_from_two_senders_are_two_messages():
    a = ev("message", "2024-09", ["VNM", "CHN"], 0, "bày tỏ chia sẻ với thiệt hại do bão")
    b = ev("message", "2024-09-23", ["CHN", "VNM"], 3, "gửi lời thăm hỏi tới nhân dân")
    assert len(merge_events([a, b], STATES)) == 2

"""From a cleaned, segmented document to its events.

For each sentence: trigger candidates (``candidates.py``), the entities and dates in it, then one
event per occurrence: a visit to "Anh và Pháp" is two, "(March, May and August 2020)" three.
Events the document states twice are merged (``merge.py``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bluebook.dates import find_dates
from bluebook.events import dating
from bluebook.events import parties as P
from bluebook.events.candidates import Candidate, clause_start, find_candidates
from bluebook.events.evidence import evidence_span, location_of
from bluebook.events.filter import apply_filter
from bluebook.events.items import named_items, treaty_noun
from bluebook.events.lexicon import cue_view
from bluebook.events.merge import merge_events
from bluebook.events.summary import summarise
from bluebook.events.vague import vague_after
from bluebook.events.voice import names_home, publisher_state, relations_established
from bluebook.gazetteer import Gazetteer, get_gazetteer
from bluebook.models import DateExpr, Document, Event, Mention, Sentence

# Types that need a partner other than Viet Nam itself to be an event.
_NEEDS_PARTNER = {"visit", "phone_call", "talks", "anniversary", "upgrade"}
# Types where a list of partners after the trigger means one event each.
_SPLIT_BY_PARTNER = {"visit", "talks", "phone_call", "anniversary", "upgrade", "message"}
# Types between two sides: with one foreign party named, the other side is Viet Nam in its own news.
_BILATERAL = {"visit", "talks", "phone_call", "anniversary", "upgrade"}
# Types whose object may be a list of named items, one event each ("the X Forum and the Y Summit").
_ITEM_TYPES = {"conference", "agreement"}
# Types where a coordinated subject of several foreign senders means one event each.
_SPLIT_BY_SENDER = {"message"}
# Meetings of two sides: a forum named as where they met is not one of them.
_MEETING = {"talks", "phone_call"}
_VENUE_REACH = 60
_SUMMIT_REACH = 30
_DASH = re.compile(r"\s*[-–—]\s*")
_ACT_TYPES = {"agreement", "anniversary", "upgrade", "withdrawal"}
_ACT_BEFORE = re.compile(r"(?:ký kết|\bký|signed|có hiệu lực|entered into force|came into force|took effect|thành lập|"
                         r"founded|established|ra đời)\s+(?:vào\s+|từ\s+|in\s+|on\s+)?(?:năm\s+|ngày\s+|tháng\s+)?$",
                         re.IGNORECASE)
_SINCE = re.compile(r"(?:\bkể từ|\btừ|\bsince)\s*$", re.IGNORECASE)
_OBJECT_REACH = 60      # how far after "met with" / "gặp" / "received" the one met is named
_OBJECT_BREAK = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?]\s|;|,\s")     # "Mr. Pham" does not end it
_HONORIFIC = re.compile(r"\s*(?:với\s+|with\s+)?(?:ông|bà|đồng chí|ngài|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+", re.IGNORECASE)
_PASSIVE = re.compile(r"\bđược\b[^,;.]{0,60}$|^\s*(?:by)\b", re.IGNORECASE)   # "được X tiếp đón", "received by X"
_OBJECT_KINDS = {"person", "title", "state", "adjective", "org", "capital"}
_STORY_MONTHS = 2       # how far before its publication a story's lead may date it
_CLOSING_REACH = 3      # sentences after an undated one where a paragraph-closing "(January 2020)" may stand
_YEARS_SINCE = re.compile(r"(\d{1,3}) năm (?:ngày )?$|(\d{1,3})(?:st|nd|rd|th) anniversary of (?:the )?(?:signing of )?(?:the )?$",
                          re.IGNORECASE)
_WITHDRAWAL_REACH = 80
_TROOPS = re.compile(r"\b(?:quân|binh sĩ|binh lính|lực lượng|troops|forces|soldiers|military)\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:giữa|between)\b", re.IGNORECASE)
_SENDER_KINDS = {"state", "adjective", "person", "title", "org"}
_AND = re.compile(r"\b(?:và|and|cùng)\b|&|^\s*,\s*$", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?:^|\s)(?:I|We|we|my|our|Our|us)\s")
_ENDS_SENTENCE = re.compile(r"[.!?…:\"”»)]\s*$")
_CLAUSE_STOP = re.compile(r";|(?<![A-Z])\.\s")
# the next item of a dated list starts after a comma or "and" ("), between C and D (April 2020)")
_ITEM_LEAD = re.compile(r"\s*(?:,|;|và|and)", re.IGNORECASE)
_ANNIV_N = re.compile(r"(\d{1,3})(?:st|nd|rd|th) anniversary of (?:the establishment of )?(?:the )?diplomatic (?:relations|ties)"
                      r"|(\d{1,3}) năm (?:ngày )?thiết lập quan hệ ngoại giao", re.IGNORECASE)
# What is said at a meeting is dated by the day the story gives (a visit or a summit spans days).
_SAID_ON_THE_DAY = {"appeal"}
# Appeals and protests: the parties are the speaker and the addressee.
_ADDRESSED = {"appeal", "accusation"}
_ADDRESSEE_REACH = 90
_BOTH_SIDES = re.compile(r"\b(?:hai bên|hai nước|hai Đảng|both sides|the two sides|both countries|the two countries|"
                         r"hai (?:Bộ trưởng|Thủ tướng|Tổng thống|Chủ tịch|Ngoại trưởng|nhà lãnh đạo|lãnh đạo|Tổng Bí thư)|"
                         r"the two (?:ministers|leaders|prime ministers|presidents|foreign ministers))\b", re.IGNORECASE)
# A meeting of these alone is domestic (a Party plenum, a National Assembly session) unless international.
_DOMESTIC = {"VNM", "CPV", "NA", "VFF"}
_INTERNATIONAL = re.compile(r"quốc tế|thế giới|khu vực|international|world|regional|global|toàn cầu", re.IGNORECASE)
_NAME_BEFORE_YEAR = re.compile(r"(?<![\w])(?!(?:In|Trong|Năm|Từ|Đến|Since|From|By|Until|Of)\b)"
                               r"[A-ZĐ][\w\-]*\s$")
_NAME_YEAR_GAP = re.compile(r"\s*(?:\(|năm\s*|of\s*)?")
_YEAR_HEAD = re.compile(r"\b(?:In|Trong năm|Năm) (\d{4})\b")


@dataclass(slots=True)
class DocContext:
    doc: Document
    gaz: Gazetteer
    mentions: list[Mention]
    starts: list[int]
    sentence_dates: list[list[DateExpr]]
    story: dating.DateChoice | None
    yearly: bool
    about_viet_nam: bool     # Viet Nam's own news: the other side of a one-party bilateral event
    voice: str | None = None  # the state that speaks as "I"/"we" (the publisher: the White House is USA)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out


def _sentence_dates(doc: Document, s: Sentence) -> list[DateExpr]:
    out = []
    for d in find_dates(s.text, doc.doc_date, s.lang):
        out.append(DateExpr(d.start + s.start, d.end + s.start, d.text, d.date, d.date_end, d.relative))
    return out


def _names_year(text: str, d: DateExpr, org_ends: set[int]) -> bool:
    """A bare year right after an organisation or treaty name (gap: space, "(" or "năm")."""
    return any(e in org_ends and _NAME_YEAR_GAP.fullmatch(text[e:d.start]) for e in range(d.start - 8, d.start + 1))


def _is_yearly_report(doc: Document, dates: list[list[DateExpr]]) -> bool:
    """A yearly report (Bluebook): many "(Month YYYY)" dates and "In YYYY" heads for one year."""
    if doc.doc_date is None:
        return False
    year = str(doc.doc_date.year)
    heads = sum(1 for m in _YEAR_HEAD.finditer(doc.text) if m.group(1) == year)
    month_only = sum(1 for ds in dates for d in ds if len(d.date) == 7 and d.date.startswith(year))
    return heads >= 2 and month_only >= 3


def _story_date(doc: Document, dates: list[list[DateExpr]]) -> dating.DateChoice | None:
    """The date of the story: from the title, dateline or the first dated lead sentences."""
    for i, s in enumerate(doc.sentences[:6]):
        if s.kind in ("title", "dateline", "body", "caption") and dates[i]:
            for d in dates[i]:
                if len(d.date) >= 7 and not _is_period(d) and _near(d.date, doc.doc_date):
                    return dating.DateChoice(d.date, d.date_end, d.text, "story", [d])
    return None


def _near(iso: str, doc_date: date | None) -> bool:
    """A story's own date is within a couple of months of its publication ("April of 2020" in a 2021
    speech is a memory, not the story's date)."""
    if doc_date is None:
        return True
    months = (int(iso[:4]) - doc_date.year) * 12 + int(iso[5:7]) - doc_date.month
    return -_STORY_MONTHS <= months <= 1


def prepare(doc: Document, gaz: Gazetteer | None = None) -> DocContext:
    gaz = gaz or get_gazetteer()
    mentions = gaz.link(doc.text, doc.doc_date, doc.lang)
    doc.mentions = mentions
    sdates = [_sentence_dates(doc, s) for s in doc.sentences]
    org_ends = {m.end for m in mentions if m.kind == "org"}
    # "UNCLOS 1982", "Công ước Liên hợp quốc về Luật Biển năm 1982", "Xuân Ất Tỵ 2025", "APEC 2024":
    # a bare year right after a name is part of the name
    sdates = [[d for d in ds if not (len(d.date) == 4 and (_names_year(doc.text, d, org_ends)
                                                          or (d.text.isdigit()
                                                              and _NAME_BEFORE_YEAR.search(doc.text, max(0, d.start - 40), d.start))))]
              for ds in sdates]
    doc.dates = [d for ds in sdates for d in ds]
    return DocContext(doc, gaz, mentions, [m.start for m in mentions], sdates,
                      _story_date(doc, sdates), _is_yearly_report(doc, sdates),
                      any(m.state == P.VN for m in mentions[:400]) or names_home(doc.text[:20000], doc.lang),
                      publisher_state(doc.url + " " + doc.text[:3000]))


def _choose_date(ctx: DocContext, si: int, cand: Candidate) -> dating.DateChoice:
    s = ctx.doc.sentences[si]
    cand_abs = (s.start + cand.start, s.start + cand.end)
    own = [d for d in _dates_for(ctx, si, cand.type) if not _since(ctx.doc.text, d)]
    if cand.own_date is not None:
        return dating.from_exprs([cand.own_date], "item")
    if own:
        g = dating.nearest_group(dating.groups(own, ctx.doc.text), *cand_abs)
        if g:
            return dating.from_exprs(g, "sentence")
    # the paragraph: the nearest dated sentence before this one in the same block (in a yearly
    # report each sentence is its own item: an undated one is dated by the year)
    for j in range(si - 1, -1, -1):
        sj = ctx.doc.sentences[j]
        if sj.block != s.block or ctx.yearly:
            break
        dated = _dates_for(ctx, j, cand.type)
        if dated:
            closing = _closing_bracket_date(ctx, si)
            if closing is not None and len(closing.date) > len(dated[0].date):
                return dating.from_exprs([closing], "paragraph")   # "In 2021, … (March 2021)."
            return dating.from_exprs([dated[0]], "paragraph")
    closing = _closing_bracket_date(ctx, si)
    if closing is not None:
        return dating.from_exprs([closing], "paragraph")
    if ctx.story is not None and not ctx.yearly:
        return ctx.story
    return dating.fallback(ctx.doc.doc_date, ctx.yearly)


def _dates_for(ctx: DocContext, j: int, ev_type: str) -> list[DateExpr]:
    """Dates of sentence ``j`` that may date an event of ``ev_type``: no periods, and for a meeting or a
    protest not the date of a signing or a founding told beside it."""
    return [d for d in ctx.sentence_dates[j] if not _is_period(d)
            and (ev_type in _ACT_TYPES or not _of_another_act(ctx.doc.text, d))]


def _closing_bracket_date(ctx: DocContext, si: int) -> DateExpr | None:
    """"… visited Viet Nam. This visit contributed to … (January 2020).": a bracketed date closing the
    paragraph dates its undated sentences (the Bluebook's style)."""
    s = ctx.doc.sentences[si]
    for j in range(si + 1, min(si + _CLOSING_REACH + 1, len(ctx.doc.sentences))):
        sj = ctx.doc.sentences[j]
        if sj.block != s.block:
            return None
        dated = [d for d in ctx.sentence_dates[j] if not _is_period(d)]
        if dated:
            d = dated[-1]
            before = ctx.doc.text[max(0, d.start - 2):d.start].rstrip()
            after = ctx.doc.text[d.end:sj.end].strip()
            if before.endswith("(") and re.fullmatch(r"\)\s*[.;]?", after):
                return d
            return None
    return None


def _of_another_act(text: str, d: DateExpr) -> bool:
    """"được ký kết vào năm 1992", "entered into force in 2002", "founded in 1967": the date of a signing
    or a founding, not of a meeting or a protest told near it."""
    return _ACT_BEFORE.search(text, max(0, d.start - 30), d.start) is not None


def _since(text: str, d: DateExpr) -> bool:
    """"được bầu làm Chủ tịch từ tháng 3.2024", "in office since 2021": when a state began, not an event."""
    return not d.date_end and len(d.date) <= 7 and _SINCE.search(text, max(0, d.start - 12), d.start) is not None


def _is_period(d: DateExpr) -> bool:
    """"(1950-2020)", "giai đoạn 2021-2023", "18 January 1950 - 18 January 2020": a period, not a date."""
    return bool(d.date_end) and int(d.date_end[:4]) - int(d.date[:4]) >= 2


def _speaker_and_addressee(ctx: DocContext, si: int, cand: Candidate, ms: list[Mention],
                           parties: list[str]) -> list[str]:
    """An appeal or a protest is between who speaks (before the verb) and whom it addresses (just after):
    entities further on are the topic ("theo luật pháp quốc tế, UNCLOS 1982"), not parties."""
    s = ctx.doc.sentences[si]
    cs = s.start + clause_start(s.text, cand.start)
    near = [m for m in ms if (cs <= m.start < s.start + cand.start)
            or (s.start + cand.end <= m.start <= s.start + cand.end + _ADDRESSEE_REACH)]
    kept = P.parties_from(near, s.text, s.start, locative_ok=False)
    if P.VN in parties and P.VN not in kept and any(m.state == P.VN for m in near):
        kept.append(P.VN)
    return kept or parties


def _main_partner(ctx: DocContext, exclude: set[str]) -> list[str]:
    """The foreign state the document names most, when one clearly dominates (for "hai bên")."""
    counts: dict[str, int] = {}
    for m in ctx.mentions:
        if m.kind in ("state", "person", "title", "adjective") and m.state and m.state not in exclude:
            counts[m.state] = counts.get(m.state, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return [ranked[0][0]]
    return []


def _foreign_states(ctx: DocContext, start: int, end: int, text: str) -> list[str]:
    return [p for p in P.parties_from(ctx.mentions_in(start, end), text, start, True)
            if p != P.VN and p in ctx.gaz.data.entities and ctx.gaz.data.entities[p].kind == "state"]


def _context_partners(ctx: DocContext, si: int, exclude: set[str] | None = None) -> list[str]:
    """Partners named just before: "both countries", "hai bên" refer back to them."""
    s = ctx.doc.sentences[si]
    exclude = exclude or set()
    block = s.block
    for j in range(si - 1, max(-1, si - 4), -1):
        sj = ctx.doc.sentences[j]
        if sj.block != block:
            # the previous paragraph is context only when it is the same one broken by a page or
            # a line wrap (it does not end a sentence), or it is the sentence just before
            if j < si - 1 and _ENDS_SENTENCE.search(sj.text):
                break
            block = sj.block
        found = [p for p in _foreign_states(ctx, sj.start, sj.end, sj.text) if p not in exclude]
        if found:
            return found[:1]
    return []


def _date_precision(ev_type: str, choice: dating.DateChoice, lang: str) -> dating.DateChoice:
    """Annotators date an event by its day only when the text ties the day to it; a day borrowed from
    the story's dateline, or the one day of a several-day visit, gives the month (Vietnamese news
    dates a visit by the day it began or a ceremony of it; English readouts by the day itself)."""
    if choice.origin in ("story",) and len(choice.date) == 10 and ev_type not in _SAID_ON_THE_DAY:
        return dating.DateChoice(choice.date[:7], None, choice.text, choice.origin, choice.exprs)
    if ev_type == "visit" and len(choice.date) == 10 and not choice.date_end \
            and choice.origin != "item" and (choice.origin != "sentence" or lang == "vi"):
        return dating.DateChoice(choice.date[:7], None, choice.text, choice.origin, choice.exprs)
    return choice


def _events_for(ctx: DocContext, si: int, cand: Candidate) -> list[Event]:
    doc, s = ctx.doc, ctx.doc.sentences[si]
    base = s.start
    ms = ctx.mentions_in(s.start, s.end)
    a_end = base + cand.end
    if cand.type == "withdrawal" and not _leaves_a_body(ms, s, cand):
        return []    # "rút quân khỏi Iraq", "withdrew from Afghanistan": troops leaving a country
    if "venue" in cand.trigger.flags and not any(
            m.kind == "org" and a_end <= m.start <= a_end + _VENUE_REACH for m in ms):
        return []    # "bên lề hội nghị", "on the sidelines of the meeting": which forum is not said
    parties = P.parties_from(ms, s.text, base, locative_ok=cand.type == "visit", locative_from=base + cand.start)
    if any(m.kind == "state" and m.id == "VNM" for m in ms) or any(
            m.kind in ("person", "title", "org") and m.state == "VNM" for m in ms):
        if P.VN not in parties:
            parties.append(P.VN)
    if cand.type in _ADDRESSED:
        parties = _speaker_and_addressee(ctx, si, cand, ms, parties)
    if cand.type in _MEETING:
        venue = P.venue_orgs(ms, s.text, base)
        parties = [p for p in parties if p not in venue]
    before = s.text[clause_start(s.text, cand.start):cand.start]
    cs_abs = s.start + clause_start(s.text, cand.start)
    bare_title = any(m.kind == "title" and not m.state and cs_abs <= m.start < s.start + cand.start for m in ms)
    if ctx.voice and ctx.voice not in parties and (_FIRST_PERSON.search(before) or bare_title):
        # "I congratulate ...", "We have donated ...", "the Vice President's trip": the publisher's side
        parties = [ctx.voice] + parties
        if ctx.about_viet_nam and ctx.voice != P.VN and P.VN not in parties and cand.type in _BILATERAL | {"aid", "message"}:
            parties.append(P.VN)
    others = [p for p in parties if p != P.VN]
    both = _BOTH_SIDES.search(s.text) is not None
    if not others and (both or cand.type in _NEEDS_PARTNER | {"agreement", "message", "aid"}):
        others = _context_partners(ctx, si) or (_main_partner(ctx, {P.VN}) if both else [])
        parties = parties + others
        if both and others and ctx.about_viet_nam and P.VN not in parties:
            parties.append(P.VN)    # "hai Bộ trưởng đã ký": the partner told before, and Viet Nam
    elif len(others) == 1 and both:
        # "đề nghị hai bên ...", "both sides agreed": the side not named is Viet Nam or the story's partner
        # Viet Nam and one partner named: they are the two sides; one foreign side alone: Viet Nam is the other
        side = [P.VN] if P.VN not in parties and ctx.about_viet_nam else []
        parties = parties + [p for p in side if p not in parties]
    if cand.type in _BILATERAL and len(parties) == 1 and parties[0] != P.VN and ctx.about_viet_nam:
        parties.append(P.VN)
        others = [p for p in parties if p != P.VN]
    if cand.type in _NEEDS_PARTNER and not others:
        return []
    if not parties:
        return []
    if set(parties) <= _DOMESTIC and not _INTERNATIONAL.search(s.text):
        # Viet Nam alone: a domestic matter, unless the sentence says it is international
        if cand.type not in ("aid", "message") or s.lang == "vi":
            return []
    choice = _date_precision(cand.type, _choose_date(ctx, si, cand), s.lang)
    persons, written = P.persons_from(ms)
    ev_start, ev_end = evidence_span(s, ms, cand)
    location = location_of(s, ms, cand)
    if cand.planned:
        choice = _ahead(choice, doc.doc_date)
    planned = cand.planned or dating.is_future(choice, doc.doc_date)

    items, named = _item_spans(ctx, si, cand)
    if items:
        return _item_events(ctx, si, cand, items, ms, choice, planned, named)

    partner_sets: list[list[str]] = [parties]
    partner_dates: list[DateExpr | None] = [None]
    if cand.type in _SPLIT_BY_PARTNER:
        # "cuộc gặp giữa A và B", "talks between A and B": the two sides of one meeting, not partners
        summit = cand.type == "talks" and "noun" in cand.trigger.flags    # "Hội nghị thượng đỉnh Mỹ - Triều Tiên"
        group = [] if summit or _BETWEEN.match(s.text, cand.end) else P.coordinated_states(ms, s.text, base, a_end)
        vn_side = P.VN in parties or (cand.type in _BILATERAL and ctx.about_viet_nam)
        if (len(group) < 2 or cand.repeated) and vn_side and not summit:
            # a looser list: several foreign partners named after the trigger (or, when the trigger
            # repeats, "China (70th anniversary), Russia (70th anniversary)", anywhere), one each
            # (not the actor's own state named before the trigger, nor a place: "gặp X tại Nga")
            before = {P.party_of(m) for m in ms if m.end <= base + cand.start} if not cand.repeated else set()
            group = [m for m in P.states_after(ms, base if cand.repeated else a_end, exclude={P.VN} | before)
                     if not P.is_locative(m, s.text, base)]
        foreign_actor = any(p not in _DOMESTIC for p in parties if p not in {m.state for m in group})
        if not foreign_actor:
            # "between Viet Nam and the ROK": Viet Nam is a side, not one of a list of partners
            # (it is one when a foreign leader tours "Singapore and Vietnam")
            group = [m for m in group if m.state != P.VN]
        if len(group) >= 2:
            gstates = {m.state for m in group}
            actors = [p for p in parties if p not in gstates]
            if vn_side and P.VN not in actors and P.VN not in gstates:
                actors.append(P.VN)
            members = [m for m in group if m.state not in actors]
            partner_sets = [actors + [m.state] for m in members]
            partner_dates = _own_dates(ctx.sentence_dates[si], members, s.end)
    if len(partner_sets) == 1 and cand.type in _SPLIT_BY_SENDER:
        senders = _senders(ms, s.text, base, cs_abs, base + cand.start)
        if len(senders) >= 2:
            rest = [p for p in parties if p not in senders]
            if ctx.about_viet_nam and P.VN not in rest:
                rest.append(P.VN)
            partner_sets = [[snd] + rest for snd in senders]
            partner_dates = [None] * len(senders)
    # "(March, May and August 2020)": one occurrence each; an anniversary's "(1992-2022)" is its period
    date_exprs = choice.exprs if len(choice.exprs) >= 2 and cand.type != "anniversary" else [None]

    out = []
    for ps, own in zip(partner_sets, partner_dates, strict=True):
        for de in ([own] if own is not None else date_exprs):
            date, date_end, date_text = choice.date, choice.date_end, choice.text
            if de is not None:
                date, date_end, date_text = de.date, de.date_end, de.text
            conf = 0.65 + (0.1 if persons else 0) + (0.1 if choice.origin in ("sentence", "item") else 0)
            conf -= 0.2 if "weak" in cand.trigger.flags else 0
            ev = Event(
                type=cand.type, date=date, date_end=date_end, parties=list(ps), persons=persons,
                persons_original=written, location=location, planned=planned, source=doc.source,
                lang=s.lang, sentence=(doc.to_original(s.start), doc.to_original(s.end)),
                evidence_span=(doc.to_original(ev_start), doc.to_original(ev_end)),
                evidence=doc.original_span(ev_start, ev_end), trigger=s.text[cand.start:cand.end],
                date_text=date_text, confidence=round(min(conf, 0.95), 2), kind=s.kind,
                explain={"trigger_pattern": cand.trigger.pattern.pattern[:120], "date_origin": choice.origin,
                         "mentions": [(m.text, m.id, m.kind) for m in ms], "sentence": si,
                         "foreign_persons": sorted({m.name for m in ms if m.kind == "person" and m.name
                                                    and m.state and m.state not in _DOMESTIC})},
            )
            out.append(ev)
    if len(out) > 1 or cand.own_date is not None:
        # occurrences told apart in one sentence ("ratified (8/6), entered into force (1/8)") stay apart
        for ev in out:
            ev.explain["split"] = max(len(out), 2)
    if cand.type == "anniversary":
        for ev in out:
            _anniversary_year(ev, s.text, doc)
    if cand.type == "agreement":
        years = _YEARS_SINCE.search(s.text[max(0, cand.start - 40):cand.start])
        if years:
            # "kỷ niệm 30 năm ngày ký Hiệp ước", "the 30th anniversary of the signing of": signed N years before
            n = int(years.group(1) or years.group(2))
            for ev in out:
                if ev.date[:4].isdigit() and n < int(ev.date[:4]):
                    ev.date, ev.date_end, ev.planned = str(int(ev.date[:4]) - n), None, False
    return out


def _two_state_summit(ms: list[Mention], s: Sentence, cand: Candidate) -> bool:
    """A summit named by exactly two states joined by a dash ("Hội nghị thượng đỉnh Mỹ - Triều Tiên",
    "the U.S.-China summit") is a meeting of two sides, not a multilateral conference."""
    if "noun" not in cand.trigger.flags:
        return False
    lo, hi = s.start + max(0, cand.start - _SUMMIT_REACH), s.start + min(len(s.text), cand.end + _SUMMIT_REACH)
    near = [m for m in ms if lo <= m.start and m.end <= hi and m.kind in ("state", "adjective", "org")]
    for a, b in zip(near, near[1:], strict=False):
        gap = s.text[a.end - s.start:b.start - s.start]
        if a.kind != "org" and b.kind != "org" and _DASH.fullmatch(gap) and a.state != b.state:
            before = s.text[max(0, a.start - s.start - 3):a.start - s.start]
            after = s.text[b.end - s.start:b.end - s.start + 3]
            return not _DASH.match(after) and not _DASH.search(before)   # not one pair of three
    return False


def _has_object(ms: list[Mention], s: Sentence, cand: Candidate) -> bool:
    """Someone is met: a person, title, state or organisation named right after the trigger, in its clause."""
    if _PASSIVE.search(s.text[clause_start(s.text, cand.start):cand.start]) or \
            _PASSIVE.search(s.text[cand.end:cand.end + 5]):
        return True
    if s.text[cand.start:cand.end].lower().startswith("cuộc "):
        return True     # "tại cuộc gặp", a noun: those who met are named before it
    if (h := _HONORIFIC.match(s.text, cand.end)) is not None and s.text[h.end():h.end() + 1].isupper():
        return True     # "tiếp đồng chí Virgilio Lora", "met with Mr. Smith": a person not in the gazetteer
    end = min(len(s.text), cand.end + _OBJECT_REACH)
    if (brk := _OBJECT_BREAK.search(s.text, cand.end, end)) is not None:
        end = brk.start()
    return any(m.kind in _OBJECT_KINDS and s.start + cand.end <= m.start < s.start + end for m in ms)


def _leaves_a_body(ms: list[Mention], s: Sentence, cand: Candidate) -> bool:
    """A withdrawal is from an organisation, a treaty or an initiative; not troops leaving a country:
    the first thing named after the trigger is not a state (unless a treaty noun comes before it)."""
    if _TROOPS.search(s.text, max(0, cand.start - 20), min(len(s.text), cand.end + 20)):
        return False
    end = min(len(s.text), cand.end + _WITHDRAWAL_REACH)
    for m in ms:
        if m.start < s.start + cand.end or m.start >= s.start + end:
            continue
        if m.kind == "org":
            return True
        if m.kind in ("state", "capital", "adjective"):
            return treaty_noun(s.text, cand.end, m.start - s.start, s.lang)
    return True


def _ahead(choice: dating.DateChoice, doc_date: date | None) -> dating.DateChoice:
    """"The President will meet … on Monday": a weekday resolved to the days just before the story
    (the news default) is the coming one when the event is still planned."""
    if doc_date is None or len(choice.exprs) != 1 or not choice.exprs[0].relative or len(choice.date) != 10:
        return choice
    day = date.fromisoformat(choice.date)
    if not 0 < (doc_date - day).days < 7:
        return choice
    ahead = (day + timedelta(days=7)).isoformat()
    return dating.DateChoice(ahead, None, choice.text, choice.origin, choice.exprs)


def _senders(ms: list[Mention], text: str, base: int, start: int, end: int) -> list[str]:
    """Foreign states of the coordinated subject before the trigger: "the President of Laos and the
    Prime Minister of Cambodia sent messages" (absolute offsets ``start``..``end``) gives both."""
    found: list[str] = []
    last_end = -1
    for m in ms:
        if not (start <= m.start and m.end <= end) or m.kind not in _SENDER_KINDS:
            continue
        p = P.party_of(m)
        if not p or p in _DOMESTIC or p in found:
            continue
        if found and not _AND.search(text[last_end - base:m.start - base]):
            return []    # not a coordination ("the ambassador of X in Y")
        found.append(p)
        last_end = m.end
    return found if len(found) >= 2 else []


def _anniversary_year(ev: Event, text: str, doc: Document) -> None:
    """"kỷ niệm 75 năm thiết lập quan hệ ngoại giao" with China is in 1950 + 75: the year comes from
    the date relations were established (data/relations.tsv), not from a year quoted nearby."""
    m = _ANNIV_N.search(text)
    if m is None:
        return
    n = int(next(g for g in m.groups() if g))
    partner = next((p for p in ev.parties if p in relations_established()), None)
    if partner is None:
        return
    year = str(relations_established()[partner] + n)
    if ev.date[:4] != year:
        ev.date, ev.date_end, ev.date_text = year, None, m.group(0)
        ev.explain["date_origin"] = "anniversary"
        if doc.doc_date is not None:
            ev.planned = int(year) > doc.doc_date.year


def _item_spans(ctx: DocContext, si: int, cand: Candidate) -> tuple[list[tuple[int, int]], bool]:
    """The occurrences listed after one trigger, and whether they are named items (forums, documents)."""
    s = ctx.doc.sentences[si]
    dated = _dated_items(ctx, si, cand)
    if dated or cand.type not in _ITEM_TYPES:
        return dated, False
    start = _name_start(s.text, cand.start) if "noun" in cand.trigger.flags else cand.end
    return named_items(s.text, start, s.lang, cand.type), True


def _name_start(text: str, pos: int) -> int:
    """Where the name around a noun trigger begins: back over capitalised words, numerals and "the"
    ("the 4th ASEAN People's Forum" from "Forum")."""
    words = text[:pos].split(" ")
    i = len(words) - 1
    while i > 0 and words[i - 1] and (words[i - 1][0].isupper() or words[i - 1][0].isdigit()
                                      or words[i - 1].lower() == "the"):
        i -= 1
    return len(" ".join(words[:i])) + (1 if i else 0)


def _dated_items(ctx: DocContext, si: int, cand: Candidate) -> list[tuple[int, int]]:
    """"telephone conversations between A and B (June 2020), between C and D (April 2020)": after one
    trigger, each stretch closed by its own bracketed date is one occurrence (Bluebook style)."""
    s = ctx.doc.sentences[si]
    stop = cand.stop if cand.stop >= 0 else len(s.text)
    m_end = _CLAUSE_STOP.search(s.text, cand.end, stop)
    stop = m_end.start() if m_end else stop
    closes = []
    for d in ctx.sentence_dates[si]:
        rs, re_ = d.start - s.start, d.end - s.start
        if cand.end <= rs and re_ < stop and s.text[:rs].rstrip().endswith("(") \
                and s.text[re_:].lstrip().startswith(")"):
            closes.append(s.text.index(")", re_) + 1)
    if len(closes) < 2:
        return []
    items, start = [], cand.end
    for c in closes:
        seg = s.text[start:c]
        lead = len(seg) - len(seg.lstrip(" ,;"))
        seg_start = start + lead
        if items and not _ITEM_LEAD.match(s.text[start:seg_start + 12]):
            return []          # not a list: the dates belong to clauses of another shape
        items.append((seg_start, c))
        start = c
    return items


def _item_events(ctx: DocContext, si: int, cand: Candidate, items: list[tuple[int, int]],
                 ms: list[Mention], choice: dating.DateChoice, planned: bool, named: bool) -> list[Event]:
    """One event per named item: the actors (named outside the items) with the item's own forum."""
    doc, s = ctx.doc, ctx.doc.sentences[si]
    base = s.start
    inside = [[m for m in ms if a + base <= m.start and m.end <= b + base] for a, b in items]
    in_any = {id(m) for group in inside for m in group}
    outside = [m for m in ms if id(m) not in in_any]
    actors = P.parties_from(outside, s.text, base, locative_ok=False)
    if any(m.state == P.VN for m in outside) and P.VN not in actors:
        actors.append(P.VN)
    if not actors and ctx.about_viet_nam:
        actors = [P.VN]
    out = []
    item_parties = [[p for p in P.parties_from(g, s.text, base, locative_ok=False) if p not in actors]
                    for g in inside]
    group_of = {span: g for span, g in zip(items, inside, strict=True)}
    shared = [p for ps in item_parties for p in ps if p != P.VN]
    for (a, b), own in zip(items, item_parties, strict=True):
        if cand.type != "conference" and not [p for p in own if p != P.VN]:
            # "ký A, B và C giữa Việt Nam và Lào": the documents of one signing share their parties;
            # "calls between A and B (March), between the two Foreign Ministers (July)": one partner
            inherit = shared if cand.type == "agreement" or len(set(shared)) == 1 else []
            if not inherit and not [p for p in actors if p != P.VN]:
                inherit = _context_partners(ctx, si)
            own = own + [p for p in inherit if p not in own]
        parties = actors + own
        if not parties or (set(parties) <= _DOMESTIC and not _INTERNATIONAL.search(s.text[a:b])
                           and not _INTERNATIONAL.search(s.text)):
            continue
        # a bare year inside a name ("giai đoạn 2024-2026") is not the item's date; "(October 2020)" is
        persons, written = P.persons_from([m for m in ms if id(m) not in in_any or m in group_of[(a, b)]])
        item_date = next((d for d in ctx.sentence_dates[si] if a + base <= d.start and d.end <= b + base
                          and (len(d.date) >= 7 or doc.text[d.start - 1:d.start] == "(")), None)
        pick = dating.from_exprs([item_date], "item") if item_date else choice
        ev_start, ev_end = base + a, base + b
        ev = Event(
            type=cand.type, date=pick.date, date_end=pick.date_end, parties=parties, persons=persons,
            persons_original=written, location=None, planned=planned, source=doc.source, lang=s.lang,
            sentence=(doc.to_original(s.start), doc.to_original(s.end)),
            evidence_span=(doc.to_original(ev_start), doc.to_original(ev_end)),
            evidence=doc.original_span(ev_start, ev_end), trigger=s.text[cand.start:cand.end],
            date_text=pick.text, confidence=0.7, kind=s.kind,
            explain={"trigger_pattern": cand.trigger.pattern.pattern[:120], "date_origin": pick.origin,
                     "mentions": [(m.text, m.id, m.kind) for m in ms], "sentence": si,
                     "split": len(items), "item": s.text[a:b][:80]},
        )
        if named:
            ev.explain["item_span"] = (a, b)
        out.append(ev)
    return out


def _own_dates(dates: list[DateExpr], members: list[Mention], limit: int) -> list[DateExpr | None]:
    """Each partner's own date when the list gives one right after it: "Trung Quốc (2008), Nga (năm 2012)"."""
    out: list[DateExpr | None] = []
    for i, m in enumerate(members):
        stop = members[i + 1].start if i + 1 < len(members) else min(limit, m.end + 60)
        own = next((d for d in dates if m.end <= d.start < stop and d.start - m.end <= 30), None)
        out.append(own)
    # one date for the whole list is the list's date, not the last partner's own
    return out if sum(d is not None for d in out) >= 2 else [None] * len(members)


def _item_dates(ctx: DocContext, si: int, cands: list[Candidate]) -> None:
    """In a list of dated items ("chuyến thăm ... (20/6/2024), cuộc điện đàm ... (8/8/2024)") each
    trigger takes the parenthesised date of its own item, up to the next trigger."""
    s = ctx.doc.sentences[si]
    for i, c in enumerate(cands):
        c.stop = cands[i + 1].start if i + 1 < len(cands) else len(s.text)
    if len(cands) < 2:
        return
    for c in cands:
        stop = c.stop
        for d in ctx.sentence_dates[si]:
            rs = d.start - s.start
            if c.end <= rs < stop and s.text[:rs].rstrip().endswith("("):
                c.own_date = d
                break


def _dominant(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per type per sentence: repeated triggers of a type describe one event, unless
    each has its own date (a list of dated items)."""
    seen: dict[str, Candidate] = {}
    kept: list[Candidate] = []
    for c in cands:
        prev = seen.get(c.type)
        if prev is not None and prev.own_date is not None and c.own_date is not None \
                and prev.own_date.date != c.own_date.date:
            kept.append(prev)
            seen[c.type] = c
            continue
        if prev is not None:
            prev.repeated = c.repeated = True
        # "các chuyến thăm …, nhất là chuyến thăm … (20/6/2024)": the dated item is the occurrence
        dated = prev is not None and prev.own_date is None and c.own_date is not None
        if prev is None or dated or ("weak" in prev.trigger.flags and "weak" not in c.trigger.flags):
            seen[c.type] = c
    return sorted(kept + list(seen.values()), key=lambda c: c.start)


_OFF_TOPIC_CUES = 3


def _off_topic(doc: Document) -> bool:
    """Sports or markets reporting: three or more of their cue words."""
    # the cue lists as lower-case tries on the lower-cased text where that is exact (several times faster)
    cue, text = cue_view(doc.text, doc.lang if doc.lang in ("vi", "en") else "vi")
    for pattern in (cue.sports, cue.markets):
        n = 0
        for _ in pattern.finditer(text):
            n += 1
            if n >= _OFF_TOPIC_CUES:
                return True
    return False


_STATE_IDS: dict[int, frozenset[str]] = {}


def _state_ids(gaz: Gazetteer) -> frozenset[str]:
    key = id(gaz.data)
    if key not in _STATE_IDS:
        _STATE_IDS[key] = frozenset(k for k, e in gaz.data.entities.items() if e.kind == "state")
    return _STATE_IDS[key]


def extract_document(doc: Document, gaz: Gazetteer | None = None) -> list[Event]:
    ctx = prepare(doc, gaz)
    events: list[Event] = []
    told: set[str] = set()
    off_topic = _off_topic(doc)
    for si, s in enumerate(doc.sentences):
        if s.kind in ("boilerplate", "teaser"):
            continue
        ms = ctx.mentions_in(s.start, s.end)
        if off_topic and not any(m.kind in ("person", "title") for m in ms):
            continue    # a match report or a price table: only a named leader makes a sentence diplomatic
        # "meet the challenges", "gặp binh sĩ, …", "met with the families": nobody is met
        cands = [c for c in find_candidates(s) if "object" not in c.trigger.flags or _has_object(ms, s, c)]
        _item_dates(ctx, si, cands)
        covered: list[tuple[int, int]] = []
        for cand in _dominant(cands):
            if any(a <= cand.start < b for a, b in covered):
                continue    # a word inside a listed item ("the virtual meeting of the WHO") is its name
            if cand.anaphoric and cand.type in told and not ctx.sentence_dates[si]:
                continue    # "chuyến thăm này", "during the visit", undated: the event told before
            if not ctx.sentence_dates[si] and vague_after(s.text, cand.end, s.lang):
                continue    # "tiếp xúc cấp cao trong thời gian tới", "visits over the years"
            if cand.type == "conference" and _two_state_summit(ms, s, cand):
                cand = replace(cand, type="talks")    # "Hội nghị thượng đỉnh Mỹ - Triều Tiên": two sides meet
            found = _events_for(ctx, si, cand)
            if found:
                told.add(cand.type)
            covered.extend(ev.explain["item_span"] for ev in found if "item_span" in ev.explain)
            events.extend(found)
    events = apply_filter(merge_events(events, _state_ids(ctx.gaz)), doc)
    for ev in events:
        summarise(ev, ctx.gaz)
        ev.compute_id()
    doc.events = events
    return events

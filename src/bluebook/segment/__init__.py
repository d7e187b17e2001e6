"""segment stage: sentences, each with its language, from the cleaner's blocks.

Needs ``doc.text`` and ``doc.blocks`` (``doc.meta["glue_splits"]`` if the
cleaner found glued sentences); adds ``doc.sentences`` and sets ``doc.lang``.
Boilerplate and teaser blocks give no sentences. A body block that stops
mid-sentence runs on into the next body block (wrapped lines, page breaks),
by the same line-break rules as the splitter.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator

from bluebook.models import Block, Document, Sentence
from bluebook.segment.langid import DEFAULT_LANG, detect_lang, guess_lang
from bluebook.segment.lines import looks_page_broken
from bluebook.segment.splitter import split_sentences

__all__ = ["segment_document", "iter_paragraph_sentences", "split_sentences", "detect_lang"]

SKIP_KINDS = frozenset({"boilerplate", "teaser"})
# A sentence may run on from a block of these kinds into a following body block.
RUN_ON_FROM = frozenset({"body", "list_item"})
# Unsure sentences at least this long ask py3langid; shorter ones take their context's language.
MODEL_MIN_WORDS = 8


def segment_document(doc: Document) -> Document:
    """Fill ``doc.sentences`` from the non-boilerplate blocks and set ``doc.lang``."""
    text = doc.text or ""
    if not doc.blocks and text.strip():
        # Not cleaned: the whole text is one body block.
        doc.blocks = [Block(0, len(text), "body")]
    blocks = _ordered_blocks(doc.blocks, len(text))
    glue = sorted({g for g in doc.meta.get("glue_splits") or () if isinstance(g, int)})
    page_broken = looks_page_broken(text)
    sentences: list[Sentence] = []
    for region in _regions(text, blocks):
        start, end = region[0][1].start, region[-1][1].end
        forced = glue[bisect.bisect_right(glue, start):bisect.bisect_left(glue, end)]
        # Blocks that meet inside a line were split by the cleaner on purpose.
        forced += [b.start for (_, p), (_, b) in zip(region, region[1:], strict=False)
                   if "\n" not in text[p.end:b.start]]
        starts = [b.start for _, b in region]
        for a, z in split_sentences(text, start, end, forced, page_broken=page_broken):
            index, block = region[max(bisect.bisect_right(starts, a) - 1, 0)]
            sentences.append(Sentence(a, z, text[a:z], kind=block.kind, block=index))
    _assign_langs(sentences, doc)
    doc.sentences = sentences
    return doc


def iter_paragraph_sentences(doc: Document, block_index: int) -> Iterator[Sentence]:
    """The sentences that start in block ``block_index`` (a paragraph), in order."""
    starts = [s.start for s in doc.sentences]
    if not 0 <= block_index < len(doc.blocks):
        return
    block = doc.blocks[block_index]
    for s in doc.sentences[bisect.bisect_left(starts, block.start):]:
        if s.start >= block.end:
            break
        if s.block == block_index:
            yield s


def _ordered_blocks(blocks: list[Block], n: int) -> list[tuple[int, Block]]:
    """Kept blocks with their index in ``doc.blocks``, in text order, clipped to the text, not overlapping."""
    out: list[tuple[int, Block]] = []
    last_end = 0
    for i, b in sorted(enumerate(blocks), key=lambda ib: (ib[1].start, ib[0])):
        s, e = max(b.start, last_end, 0), min(b.end, n)
        if e <= s:
            continue
        last_end = e
        if b.kind not in SKIP_KINDS:
            out.append((i, Block(s, e, b.kind, b.reason)))
    return out


def _regions(text: str, blocks: list[tuple[int, Block]]) -> Iterator[list[tuple[int, Block]]]:
    """Runs of blocks split as one text: a body or list item followed by body blocks with only space between."""
    region: list[tuple[int, Block]] = []
    for ib in blocks:
        if region:
            prev = region[-1][1]
            b = ib[1]
            if prev.kind in RUN_ON_FROM and b.kind == "body" and not text[prev.end:b.start].strip():
                region.append(ib)
                continue
            yield region
        region = [ib]
    if region:
        yield region


def _assign_langs(sentences: list[Sentence], doc: Document) -> None:
    """Each sentence its own language; unsure ones follow their paragraph, then the document."""
    guesses = [guess_lang(s.text) for s in sentences]
    weight = {"vi": 0, "en": 0}
    for s, g in zip(sentences, guesses, strict=True):
        if g is not None:
            weight[g] += s.end - s.start
    if weight["vi"] or weight["en"]:
        doc_lang = "vi" if weight["vi"] >= weight["en"] else "en"
    else:
        sample = " ".join(s.text for s in sentences[:20]) or doc.text
        doc_lang = detect_lang(sample, default=doc.lang or DEFAULT_LANG)
    by_block: dict[int, str] = {}
    for s, g in zip(sentences, guesses, strict=True):
        if g is not None:
            by_block.setdefault(s.block, g)
    for s, g in zip(sentences, guesses, strict=True):
        if g is None:
            g = by_block.get(s.block)
        if g is None:
            g = detect_lang(s.text, default=doc_lang) if len(s.text.split()) >= MODEL_MIN_WORDS else doc_lang
        s.lang = g
    total = {"vi": 0, "en": 0}
    for s in sentences:
        total[s.lang] += s.end - s.start
    if total["vi"] or total["en"]:
        doc.lang = "vi" if total["vi"] >= total["en"] else "en"
    else:
        doc.lang = doc_lang

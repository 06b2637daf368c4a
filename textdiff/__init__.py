"""The text algorithms the apps share, pure Python with no Django and no app: ``alignment`` aligns two
sequences in near-linear time (patience diff), ``diffing`` gives the word-level differences of two texts
with citation markers as words. Claims align sentences with them, articles merge and compare versions."""

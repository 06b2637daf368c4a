"""Find and type the figures stated in one sentence.

A figure is a number a fact-checker would verify: a count ("over 20 junta personnel"), a percentage
("85%"), a range ("700-800", "350 to 367", "between 350 and 367", "40-50%"), money ("$1 billion"),
a large number ("3 million"), a measure ("2,400-kilometer", "11 days", "230 km/h") or a
ratio ("two-thirds", "odds ratio 0.4", "5- to 8-fold"). Dates, years, day numbers,
times, operation names, model designations, calibres, ordinals and citation markers are not figures.

Judgment calls, each pinned by a test row:

- Word numbers ("seven", "twenty-five", "a dozen", "two hundred") count when a counted noun follows
  ("seven junta installations"), or with no noun when the clause makes them a count: after "another"
  or an -ing verb ("injuring ten"), before "were"/"died" ("four were damaged"); not "three from
  gunfire". "One" counts only before a noun or a non-time unit ("one hospital", "one kilometer"), never
  as a pronoun or idiom ("one of the", "one another", "no one", "one day", "one analysis found").
  Vague plurals ("dozens", "thousands") have no value.
- Fractions in words are ratios with unit "fraction" ("two-thirds" 0.6667, "more than half" 0.5); a
  bare "third" or "the second half of" is an ordinal or a part of time.
- Statistics are typed by the name before them: "p < 0.05" is a measure (unit "p-value", the sign its
  qualifier), "odds ratio 0.4", "(aOR 0.38)" and "1.5 times higher" / "5- to 8-fold" are ratios.
  A confidence level ("95% CI") and the second day of "October 3–10" are not figures; nor is a short
  number after a capitalized word mid-sentence ("Leopard 2", "DMPPT 2.0") or "Category 5".
- The sentence is read normalised (claims.normalise); offsets and texts are those of the original.
- Durations are measures with a singular unit: "one-year state of emergency", "11 days apart",
  "nearly two years" -> unit "year"/"day". Other hyphenated adjectives ("Five-Point", "30-member",
  "700-strong", "20-year-old") are names or descriptions, not figures.
- A comma-less four-digit number is a code unless it counts something: 1800-2099 is a year unless a
  plural noun follows with no determiner before it ("1500 troops" and "2000 troops" are counts; "in
  2000", "the 2015 elections", "2011-2015" are years); any other ("Operation 1107 into 1111", "the
  1107 phase") needs a plural noun or a qualifier ("over 1500").
- A count's unit is the noun phrase after the number: at most three words, ending at the first plural
  noun or before a preposition, conjunction, determiner, auxiliary verb or punctuation, less trailing
  participles and adverbs ("over 20 junta troops killed" -> "junta troops"; "274 reported armed
  clashes" keeps "reported"; "38 captured" -> "").
- "from A to B" is a change, so two figures; "A to B", "between A and B" and "ranging from A to B"
  are one range.

Pure Python, standard library only. The package: ``reader`` finds the candidates and reads them;
``words`` holds the vocabulary and the Figure they share; ``statistics`` reads fractions, p-values and
named ratios; ``context`` decides from the words around a number whether it counts something or names
it.
"""

from claims.figures.reader import extract_figures
from claims.figures.words import KINDS, QUALIFIERS, Figure

__all__ = ["KINDS", "QUALIFIERS", "Figure", "extract_figures"]

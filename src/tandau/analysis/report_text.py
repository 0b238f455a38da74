"""The report's words: titles, questions, methods and labels, as translatable msgids.

Keys are stable names used by :mod:`tandau.analysis.report`; the texts are in the
``tandau-analysis`` catalogue part in kk, ru and en.
"""

from __future__ import annotations

from tandau.i18n import N_, Message

__all__ = ["REPORT_TEXT"]

#: Every word the report prints, by key.
REPORT_TEXT: dict[str, Message] = {
    "title": N_("Rural akim elections in Kazakhstan: what the data say"),
    "intro": N_(
        "Every figure names its formula, its data and its source. The dataset is a "
        "convenience sample of reported elections, not a random sample: the intervals are"
        " indicative only."
    ),
    "contents": N_("Contents"),
    "method": N_("Method"),
    "sources": N_("Sources"),
    "n": N_("Elections with the figures: {n}"),
    "generated": N_("Dataset version {version}; {elections} elections, {aggregates} aggregates."),
    "q1": N_("How competitive are rural elections?"),
    "m1": N_(
        "Candidates per election k (one seat each); share uncontested (k = 1) with a "
        "Wilson 95% interval; mean effective number of candidates 1/Σp² (Laakso & "
        "Taagepera 1979) where every candidate's votes are printed."
    ),
    "q2": N_("How many people vote?"),
    "m2": N_(
        "Turnout = ballots cast / voters on the list (International IDEA), or the turnout"
        " the source prints; the 2021 regional turnouts come from the aggregates table."
    ),
    "q3": N_("Who wins?"),
    "m3": N_(
        "Self-nominees' share among candidates (2021 round, aggregates) against their "
        "share among winners in the dataset (Wilson 95% interval); a success ratio below "
        "1 means self-nominees win less often than they stand."
    ),
    "q4": N_("Women"),
    "m4": N_(
        "Women among candidates (aggregates: women candidates / candidates) and among "
        "winners (dataset rows that name the winner, and aggregate notes as printed)."
    ),
    "q5": N_('Does "against all" matter?'),
    "m5": N_(
        "Against-all share of ballots cast per election where printed; elections where "
        'against all beat the winner (the "against all wins → repeat" rule would bite) or'
        " the runner-up."
    ),
    "q6": N_("Would a runoff or a majority requirement have changed winners?"),
    "m6": N_(
        "Real rows: winners with at most half of the ballots cast. Fitted profiles: first"
        " preferences from Talgar 2024 (9,071 / 1,875 / 1,140), lower ranks from a 1-D "
        "spatial model (an assumption); share of 2,000 seeded elections where each rule's"
        " winner differs from plurality, Wilson 95% interval. A runoff also costs a "
        "second polling day."
    ),
    "q7": N_("Would a turnout threshold void elections?"),
    "m7": N_(
        "Share of elections with a known turnout below τ, for τ = 25%, 30%, 50% (Wilson "
        "95% interval). Kazakh law sets no such threshold for rural akims."
    ),
    "q8": N_("What does the signature threshold do?"),
    "m8": N_(
        "A model, not data: six would-be candidates with Dirichlet support shares and a "
        "random collection effort, calibrated so that today's 1% gives the 2021 mean of "
        "3.15 candidates per seat; mean candidates and share with at most one candidate "
        "for each signature share."
    ),
    "q9": N_("What changed in the law?"),
    "m9": N_(
        "Parameter by parameter diff of the dated rulesets shipped with Tandau (value, "
        "article, confidence), grouped by article: tandau analysis diff-rulesets A B."
    ),
    "q10": N_("How does Kazakhstan compare with the European Charter?"),
    "m10": N_(
        "European Charter of Local Self-Government (ETS No. 122) article by article. A "
        "status is shown only where it rests on a legal act or an official notice; "
        "otherwise it is unknown and the gap is named. Kazakhstan is not a party: the "
        "Charter is a yardstick. Pre-2026 constitutional text."
    ),
    "q11": N_("How do other countries choose village heads?"),
    "m11": N_(
        "Only what was read in the named sources is filled in; an empty cell is not "
        "confirmed and is shown as —; unconfirmed claims are listed beside the row."
    ),
    "q12": N_("What the data cannot say"),
    "m12": N_(
        "How many elections print each figure. No machine-readable source exists; invalid"
        " ballots are almost never printed; the sample over-represents district-level and"
        " town elections."
    ),
    "col_label": N_("Item"),
    "col_value": N_("Value"),
    "col_n": N_("n"),
    "col_interval": N_("95% interval"),
    "col_election": N_("Election"),
    "col_rule": N_("Rule"),
    "col_before": N_("Before"),
    "col_after": N_("After"),
    "col_article": N_("Article"),
    "col_requires": N_("Charter requires"),
    "col_now": N_("Kazakhstan now"),
    "col_status": N_("Status"),
    "col_gap": N_("Gap or claim to confirm"),
    "col_country": N_("Country"),
    "col_tier": N_("Lowest tier"),
    "col_head": N_("Head chosen how"),
    "col_electoral": N_("Electoral rule"),
    "col_term": N_("Term"),
    "col_source": N_("Source"),
    "status_meets": N_("meets"),
    "status_partly": N_("partly"),
    "status_not": N_("not"),
    "status_unknown": N_("unknown"),
    "k_label": N_("{k} candidates"),
    "k4_label": N_("4 or more candidates"),
    "uncontested": N_("uncontested (k = 1)"),
    "mean_k": N_("mean candidates per seat"),
    "mean_enp": N_("mean effective number of candidates"),
    "self_candidates": N_("self-nominees among candidates, 2021"),
    "self_winners": N_("self-nominees among winners, dataset"),
    "women_candidates": N_("women among candidates: {scope}"),
    "women_winners": N_("women among winners: {scope}"),
    "women_winners_dataset": N_("women among winners, dataset"),
    "aa_winner": N_("against all beat the winner"),
    "aa_runner": N_("against all beat the runner-up"),
    "no_majority": N_("winner without a majority of valid votes (real rows)"),
    "differs": N_("{rule} differs from plurality (fitted profiles)"),
    "void_at": N_("void at turnout below {tau}%"),
    "signatures_at": N_("signatures {share}% of voters: mean candidates"),
    "changes_between": N_("changes {a} → {b}"),
    "direct": N_("head elected by voters directly"),
    "indirect": N_("head chosen otherwise or not confirmed"),
    "printed": N_("elections printing: {figure}"),
    "success_ratio": N_("self-nominees' success ratio (winners' share / candidates' share)"),
}

"""Trade table: monetary values of trade, investment, aid, loans and tariffs between states.

One module per step, each tested on its own:
  1. `candidates`: money spans assembled from the ruler's NUMBER spans
     (models/patterns/trade.jsonl), scale words and hedges (models/gazetteers/money_words.csv)
     and currencies (currencies.csv), merged with the model's MONEY entities;
  2. `cues`: the measure cue word (trade_measures.csv) that ties an amount to trade between
     states, and the checks that make it a price or a domestic figure;
  3. linking: `currency` (the ISO code, inherited within the article), `countries` (the
     economies an amount concerns) and `period` (the date it refers to);
  4. `rows`: the `TradeRow`s; `component`: the pipeline component.
The final money spans are left in `doc.spans["trade_money"]` for inspection.
"""

from pipeline.extractors.trade.candidates import (RULES_KEY, MoneySpan, merge_money,
                                                  rule_money_spans)
from pipeline.extractors.trade.component import TradeExtractor, make_trade
from pipeline.extractors.trade.countries import (article_countries, crosses_border, economies,
                                                 lower_case_states, sentence_codes,
                                                 sovereign_debtor)
from pipeline.extractors.trade.cues import (MEASURES, amount_too_small, marker_spans,
                                            is_price, measure_spans, nearest_cue)
from pipeline.extractors.trade.period import nearest_period
from pipeline.extractors.trade.rows import MONEY_KEY, extract_trade, money_rows
from pipeline.extractors.trade.spans import currency_spans, gazetteer_index

__all__ = ["RULES_KEY", "MONEY_KEY", "MEASURES", "MoneySpan", "TradeExtractor", "make_trade",
           "rule_money_spans", "merge_money", "measure_spans", "nearest_cue", "nearest_period",
           "economies", "crosses_border", "amount_too_small", "is_price", "sentence_codes",
           "sovereign_debtor", "lower_case_states", "marker_spans",
           "article_countries", "currency_spans", "gazetteer_index", "money_rows",
           "extract_trade"]

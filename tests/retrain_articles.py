"""Articles written for the retrain tests (not taken from any corpus), and a reviewer's truth
for them: what a careful reviewer adds when the rules miss it."""

from __future__ import annotations

# Eight reports on Austrian and German chancellors and Kazakh trade in tenge. The rules with a
# gap (no "Chancellor" office, no "tenge") miss every chancellor and every amount.
CHANCELLORS = [
    {"id": "at-kz-1", "date": "2023-11-14", "source": "Astana Times",
     "title": "Kazakh President receives Austrian Chancellor",
     "text": "ASTANA, November 14 - Kazakh President Kassym-Jomart Tokayev held talks with "
             "Austrian Chancellor Karl Nehammer in Astana on Tuesday. The two leaders discussed "
             "energy, logistics and investment. Trade between Kazakhstan and Austria reached 182 "
             "billion tenge in 2022, the Kazakh side said.\n\nNehammer invited Tokayev to visit "
             "Vienna next year."},
    {"id": "at-kz-2", "date": "2023-11-15", "source": "Astana Times",
     "title": "Austria and Kazakhstan sign energy memorandum",
     "text": "ASTANA, November 15 - Chancellor Karl Nehammer of Austria and Prime Minister "
             "Alikhan Smailov of Kazakhstan signed a memorandum on renewable energy on "
             "Wednesday. Austrian companies have invested 45 billion tenge in the Kazakh economy "
             "since 2019, Smailov said."},
    {"id": "de-kz-1", "date": "2023-09-29", "source": "Kazinform",
     "title": "Tokayev meets German Chancellor in Berlin",
     "text": "BERLIN, September 29 - President Kassym-Jomart Tokayev met German Chancellor Olaf "
             "Scholz in Berlin on Friday. Germany is one of Kazakhstan's largest trading "
             "partners: bilateral trade stood at 1.2 trillion tenge last year. Scholz said "
             "Germany was interested in Kazakh hydrogen projects."},
    {"id": "de-uz-1", "date": "2024-05-02", "source": "Kun.uz", "title": "Mirziyoyev in Berlin",
     "text": "BERLIN, May 2 - Uzbek President Shavkat Mirziyoyev and German Chancellor Olaf "
             "Scholz discussed migration and energy on Thursday. The two sides signed an "
             "agreement on labour migration. Trade between Uzbekistan and Germany grew to 1.1 "
             "billion US dollars in 2023."},
    {"id": "at-kz-3", "date": "2024-03-06", "source": "Kazinform",
     "title": "Kazakh Foreign Minister visits Vienna",
     "text": "VIENNA, March 6 - Kazakh Foreign Minister Murat Nurtleu was received by Austrian "
             "Chancellor Karl Nehammer in Vienna on Wednesday. Nurtleu said Austrian investment "
             "in Kazakhstan had exceeded 60 billion tenge. The sides agreed to hold the next "
             "intergovernmental commission in Astana in June."},
    {"id": "de-kz-2", "date": "2024-09-16", "source": "Kazinform",
     "title": "Scholz arrives in Astana",
     "text": "ASTANA, September 16 - German Chancellor Olaf Scholz arrived in Astana on Monday "
             "for talks with President Kassym-Jomart Tokayev. Kazakhstan exported goods worth "
             "850 billion tenge to Germany in 2023, mostly oil. Tokayev and Scholz are expected "
             "to attend a business forum on Tuesday."},
    {"id": "at-kz-4", "date": "2024-06-11", "source": "Astana Times",
     "title": "Austrian Chancellor in Almaty",
     "text": "ALMATY, June 11 - Austrian Chancellor Karl Nehammer met Kazakh Prime Minister "
             "Olzhas Bektenov in Almaty on Tuesday to discuss rail transit. Austria's exports "
             "to Kazakhstan rose to 95 billion tenge last year, Bektenov said."},
    {"id": "de-kz-3", "date": "2025-01-21", "source": "Kazinform",
     "title": "Kazakhstan and Germany discuss raw materials",
     "text": "ASTANA, January 21 - Kazakh Foreign Minister Murat Nurtleu held a phone call with "
             "German Chancellor Olaf Scholz on Tuesday. German investment in Kazakhstan reached "
             "300 billion tenge in 2024, according to the Kazakh Foreign Ministry."},
]

# What the rules with the gap miss: (table, text in the article, the reviewer's fields).
MISSED = {
    "at-kz-1": [("leaders", "Karl Nehammer", {"name": "Karl Nehammer", "title": "Chancellor",
                                              "country": "AUT"}),
                ("trade", "182 billion tenge", {"amount": 182e9, "currency": "KZT",
                                                "measure": "trade", "countries": "AUT;KAZ",
                                                "period": "2022"})],
    "at-kz-2": [("leaders", "Karl Nehammer", {"name": "Karl Nehammer", "title": "Chancellor",
                                              "country": "AUT"}),
                ("trade", "45 billion tenge", {"amount": 45e9, "currency": "KZT",
                                               "measure": "investment", "countries": "AUT;KAZ",
                                               "period": "2019"})],
    "de-kz-1": [("leaders", "Olaf Scholz", {"name": "Olaf Scholz", "title": "Chancellor",
                                            "country": "DEU"}),
                ("trade", "1.2 trillion tenge", {"amount": 1.2e12, "currency": "KZT",
                                                 "measure": "trade", "countries": "DEU;KAZ",
                                                 "period": "2022"})],
    "de-uz-1": [("leaders", "Olaf Scholz", {"name": "Olaf Scholz", "title": "Chancellor",
                                            "country": "DEU"})],
    "at-kz-3": [("leaders", "Karl Nehammer", {"name": "Karl Nehammer", "title": "Chancellor",
                                              "country": "AUT"}),
                ("trade", "60 billion tenge", {"amount": 60e9, "currency": "KZT",
                                               "measure": "investment", "countries": "AUT;KAZ"})],
    "de-kz-2": [("leaders", "Olaf Scholz", {"name": "Olaf Scholz", "title": "Chancellor",
                                            "country": "DEU"}),
                ("trade", "850 billion tenge", {"amount": 850e9, "currency": "KZT",
                                                "measure": "exports", "countries": "DEU;KAZ",
                                                "period": "2023"})],
    "at-kz-4": [("leaders", "Karl Nehammer", {"name": "Karl Nehammer", "title": "Chancellor",
                                              "country": "AUT"}),
                ("trade", "95 billion tenge", {"amount": 95e9, "currency": "KZT",
                                               "measure": "exports", "countries": "AUT;KAZ",
                                               "period": "2023"})],
    "de-kz-3": [("leaders", "Olaf Scholz", {"name": "Olaf Scholz", "title": "Chancellor",
                                            "country": "DEU"}),
                ("trade", "300 billion tenge", {"amount": 300e9, "currency": "KZT",
                                                "measure": "investment", "countries": "DEU;KAZ",
                                                "period": "2024"})],
}

# Company deals: the rules report each "deal worth ..." as a value between the two states
# (rule trade_rules:number+cue:deal); reviewers who keep only values between economies reject
# them.
DEALS = [
    {"id": "deal-1", "date": "2024-02-01", "source": "Trend",
     "text": "ASTANA, February 1 - Kazakhstan and France signed a deal worth 200 million euros "
             "for the supply of locomotives, the ministry said. Alstom will build the plant in "
             "Astana."},
    {"id": "deal-2", "date": "2024-03-01", "source": "Trend",
     "text": "TASHKENT, March 1 - Uzbekistan and Germany agreed a deal worth 150 million euros "
             "to modernise power grids. Siemens Energy will deliver the equipment."},
    {"id": "deal-3", "date": "2024-04-11", "source": "Trend",
     "text": "BAKU, April 11 - Azerbaijan and Italy signed a deal worth 300 million euros on gas "
             "storage, the Azerbaijani energy ministry said on Thursday."},
    {"id": "deal-4", "date": "2024-05-14", "source": "Trend",
     "text": "BISHKEK, May 14 - Kyrgyzstan and Turkey signed a deal worth 80 million dollars to "
             "build a hospital in Osh, the Kyrgyz health ministry said."},
    {"id": "deal-5", "date": "2024-06-03", "source": "Trend",
     "text": "DUSHANBE, June 3 - Tajikistan and China signed a deal worth 250 million dollars "
             "for a cement plant near Dushanbe, the Tajik industry ministry said on Monday."},
    {"id": "deal-6", "date": "2024-07-09", "source": "Trend",
     "text": "ASHGABAT, July 9 - Turkmenistan and Japan signed a deal worth 400 million dollars "
             "on a fertilizer plant, state media reported."},
    {"id": "deal-7", "date": "2024-08-20", "source": "Trend",
     "text": "TBILISI, August 20 - Georgia and Azerbaijan agreed a deal worth 90 million dollars "
             "to expand the Baku-Tbilisi-Kars railway terminal."},
    {"id": "deal-8", "date": "2024-09-12", "source": "Trend",
     "text": "YEREVAN, September 12 - Armenia and India signed a deal worth 120 million dollars "
             "for artillery systems, the Armenian defence ministry said on Thursday."},
]
DEAL_RULE = "trade_rules:number+cue:deal"

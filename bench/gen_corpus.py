#!/usr/bin/env python3
"""Generate a synthetic corpus of native cefrlint lessons, for benchmarks.

    bench/gen_corpus.py SIZE_MB OUT_DIR [--seed N]

writes about SIZE_MB MiB (SIZE_MB * 1,048,576 bytes) of lesson files under OUT_DIR:
English and French lessons (English ones for French speakers, French ones for English
speakers), levels A1 to B2, mostly YAML with some JSON, 20-60 KB per file, spread over
OUT_DIR/<lang>/<level>/unit-NN/ folders. Every item kind is used: text (YAML `|` block
scalars), multiple_choice, gap_fill, vocabulary, matching, dialogue, ordering and open.

The sentences are assembled from the small word lists and sentence patterns below, written
for this script: the content is grammatical and roughly graded (each level uses the
structures of its level and below), but it is not teaching material.

Output is deterministic: the same arguments and seed give byte-identical files (only the
Python standard library is used, and nothing depends on hash order).

Other options (used by benches/check.rs):
  --min-kb N / --max-kb N   size range of one file (default 20 / 60)
  --yaml-only               no JSON files
  --lang en|fr              one language only
  --sentences en|fr|es      instead of lessons, write OUT_DIR/sentences-LANG.txt: one
                            generated sentence per line, SIZE_MB MiB in all; `es` (Spanish,
                            from its own word lists and patterns) exists only for this option
"""

import argparse
import json
import os
import random
import re
import sys

MIB = 1024 * 1024

# ---------------------------------------------------------------------------------------
# English word lists. Verbs: (base, 3rd person singular, past, past participle, -ing, what
# they take as an object).
# ---------------------------------------------------------------------------------------

EN_PEOPLE = [  # (noun phrase, pronoun)
    ("Tom", "he"), ("Anna", "she"), ("Sam", "he"), ("Lucy", "she"), ("Ben", "he"),
    ("Emma", "she"), ("Jack", "he"), ("Mia", "she"), ("Oliver", "he"), ("Grace", "she"),
    ("Harry", "he"), ("Chloe", "she"), ("Daniel", "he"), ("Sophie", "she"), ("Leo", "he"),
    ("Ruby", "she"), ("my brother", "he"), ("my sister", "she"), ("my mum", "she"),
    ("my dad", "he"), ("our teacher", "she"), ("my best friend", "he"), ("the doctor", "she"),
    ("her cousin", "he"), ("his uncle", "he"), ("our neighbour", "she"), ("my grandfather", "he"),
    ("the new student", "she"),
]

EN_VERBS = [
    ("eat", "eats", "ate", "eaten", "eating", "food"),
    ("cook", "cooks", "cooked", "cooked", "cooking", "food"),
    ("make", "makes", "made", "made", "making", "food"),
    ("buy", "buys", "bought", "bought", "buying", "thing"),
    ("carry", "carries", "carried", "carried", "carrying", "thing"),
    ("sell", "sells", "sold", "sold", "selling", "thing"),
    ("find", "finds", "found", "found", "finding", "thing"),
    ("bring", "brings", "brought", "brought", "bringing", "thing"),
    ("read", "reads", "read", "read", "reading", "read"),
    ("write", "writes", "wrote", "written", "writing", "write"),
    ("send", "sends", "sent", "sent", "sending", "write"),
    ("watch", "watches", "watched", "watched", "watching", "show"),
    ("visit", "visits", "visited", "visited", "visiting", "place"),
    ("clean", "cleans", "cleaned", "cleaned", "cleaning", "room"),
    ("paint", "paints", "painted", "painted", "painting", "room"),
    ("call", "calls", "called", "called", "calling", "person"),
    ("meet", "meets", "met", "met", "meeting", "person"),
    ("help", "helps", "helped", "helped", "helping", "person"),
    ("drink", "drinks", "drank", "drunk", "drinking", "drink"),
    ("fix", "fixes", "fixed", "fixed", "fixing", "broken"),
    ("open", "opens", "opened", "opened", "opening", "openable"),
    ("wash", "washes", "washed", "washed", "washing", "washable"),
]

EN_PLAY = ["football", "tennis", "chess", "basketball", "cards", "the piano", "the guitar",
           "volleyball", "board games"]

EN_OBJECTS = {
    "food": ["an apple", "some bread", "rice", "a sandwich", "some soup", "a chocolate cake",
             "fish", "pasta", "vegetables", "an orange", "some cheese", "a pizza", "two eggs",
             "a salad", "pancakes", "a banana"],
    "thing": ["a new bag", "a blue pen", "a red umbrella", "a pair of shoes", "a small lamp",
              "a football", "a map of the city", "a birthday present", "a train ticket",
              "an old guitar", "a warm coat", "a box of pencils", "a green chair", "a notebook"],
    "read": ["a book", "the newspaper", "a comic", "a magazine", "a long letter", "the menu",
             "a story about dragons", "the instructions", "a poem", "the timetable"],
    "write": ["a letter", "an email", "a postcard", "a short story", "a shopping list",
              "a message", "a poem", "a birthday card", "a report"],
    "show": ["a film", "the news", "a football match", "a cartoon", "a documentary about whales",
             "a quiz show", "a concert", "a tennis match"],
    "place": ["the museum", "the old castle", "the zoo", "the market", "the library", "the beach",
              "her grandparents", "the new park", "a farm", "the science museum", "the old town"],
    "room": ["the kitchen", "the bathroom", "the living room", "the garage", "the bedroom",
             "the classroom", "the fence", "the front door"],
    "person": ["her friend", "the doctor", "his grandmother", "the teacher", "a new classmate",
               "the neighbours", "our cousins", "his aunt", "the baker", "an old friend"],
    "drink": ["water", "milk", "tea", "coffee", "orange juice", "hot chocolate", "lemonade"],
    "broken": ["the bike", "the computer", "the old radio", "the kitchen door", "the printer",
               "the lamp", "the washing machine", "the clock"],
    "openable": ["the window", "the door", "a new shop", "the box", "the fridge", "the letter",
                 "the gate"],
    "washable": ["the car", "the dishes", "the windows", "the dog", "his shirt", "the floor"],
}

EN_ADJ = ["big", "small", "happy", "tired", "hungry", "cold", "hot", "nice", "old", "new",
          "beautiful", "busy", "quiet", "kind", "funny", "late", "ready", "sad", "angry", "young"]
EN_THING_ADJ = ["big", "small", "nice", "old", "new", "beautiful", "quiet", "useful", "expensive", "clean"]
EN_COMPARE = [("the train", "the bus", "faster"), ("my bag", "your bag", "heavier"),
              ("London", "Leeds", "bigger"), ("the red dress", "the blue one", "more expensive"),
              ("this book", "the film", "more interesting"), ("summer", "winter", "warmer"),
              ("my grandmother", "my grandfather", "older"), ("the new park", "the old one", "nicer"),
              ("cats", "dogs", "quieter"), ("the sea", "the lake", "colder"),
              ("chess", "football", "more difficult"), ("our house", "their flat", "smaller")]

EN_T_PRES = ["every day", "on Mondays", "in the morning", "after school", "at the weekend",
             "every evening", "twice a week", "on Saturday mornings", "in the afternoon", "every summer"]
EN_T_PAST = ["yesterday", "last week", "on Sunday", "two days ago", "last summer", "in 2019",
             "this morning", "last night", "on Friday evening", "three weeks ago"]
EN_T_FUT = ["tomorrow", "next week", "on Friday", "next summer", "this evening", "after lunch",
            "next month", "on Saturday"]
EN_PLACES = ["in the kitchen", "at school", "in the park", "at home", "in the garden",
             "near the station", "in the city centre", "at the library", "in the classroom",
             "at the market", "by the river", "at the sports centre"]
EN_DURATION = ["two weeks", "three months", "a long time", "ten years", "an hour", "six days"]
EN_REASON = ["it was raining", "the shop was closed", "she was very tired", "the bus was late",
             "they had no money", "it was a holiday", "the weather was bad", "he felt ill"]

EN_FIXED = ["Hello!", "Good morning, everyone.", "Thank you very much.", "See you tomorrow!",
            "That's a good idea.", "I don't know.", "Yes, of course!", "No, not today.",
            "Really? That's great!", "What a lovely day!", "OK, let's go.", "Sorry, I'm late."]

EN_TOPICS = ["At the market", "My family", "A day at school", "Our town", "On holiday",
             "At home", "Sports and games", "Food and drink", "The weekend", "A trip to the zoo",
             "Friends and neighbours", "Around the city", "The news", "Helping at home",
             "A birthday party", "At the library", "Going shopping", "Weather and seasons"]

# ---------------------------------------------------------------------------------------
# French word lists. Verbs: (infinitive, présent 3sg, participe passé, imparfait 3sg,
# futur 3sg, conditionnel 3sg, subjonctif 3sg, what they take as an object). All take avoir.
# Objects: (indefinite or partitive form, definite form, gender, plural).
# ---------------------------------------------------------------------------------------

FR_PEOPLE = [  # (noun phrase, gender)
    ("Marie", "f"), ("Paul", "m"), ("Léa", "f"), ("Hugo", "m"), ("Camille", "f"),
    ("Lucas", "m"), ("Chloé", "f"), ("Louis", "m"), ("Inès", "f"), ("Nathan", "m"),
    ("Zoé", "f"), ("Karim", "m"), ("mon frère", "m"), ("ma sœur", "f"), ("notre professeur", "m"),
    ("la voisine", "f"), ("mon cousin", "m"), ("ma grand-mère", "f"), ("le médecin", "m"),
    ("mon amie Julie", "f"), ("le boulanger", "m"), ("ma tante", "f"), ("le nouvel élève", "m"),
]

FR_VERBS = [
    ("manger", "mange", "mangé", "mangeait", "mangera", "mangerait", "mange", "food"),
    ("préparer", "prépare", "préparé", "préparait", "préparera", "préparerait", "prépare", "food"),
    ("acheter", "achète", "acheté", "achetait", "achètera", "achèterait", "achète", "thing"),
    ("vendre", "vend", "vendu", "vendait", "vendra", "vendrait", "vende", "thing"),
    ("trouver", "trouve", "trouvé", "trouvait", "trouvera", "trouverait", "trouve", "thing"),
    ("lire", "lit", "lu", "lisait", "lira", "lirait", "lise", "read"),
    ("écrire", "écrit", "écrit", "écrivait", "écrira", "écrirait", "écrive", "write"),
    ("envoyer", "envoie", "envoyé", "envoyait", "enverra", "enverrait", "envoie", "write"),
    ("regarder", "regarde", "regardé", "regardait", "regardera", "regarderait", "regarde", "show"),
    ("visiter", "visite", "visité", "visitait", "visitera", "visiterait", "visite", "place"),
    ("nettoyer", "nettoie", "nettoyé", "nettoyait", "nettoiera", "nettoierait", "nettoie", "room"),
    ("ranger", "range", "rangé", "rangeait", "rangera", "rangerait", "range", "room"),
    ("appeler", "appelle", "appelé", "appelait", "appellera", "appellerait", "appelle", "person"),
    ("rencontrer", "rencontre", "rencontré", "rencontrait", "rencontrera", "rencontrerait",
     "rencontre", "person"),
    ("aider", "aide", "aidé", "aidait", "aidera", "aiderait", "aide", "person"),
    ("boire", "boit", "bu", "buvait", "boira", "boirait", "boive", "drink"),
    ("réparer", "répare", "réparé", "réparait", "réparera", "réparerait", "répare", "broken"),
    ("ouvrir", "ouvre", "ouvert", "ouvrait", "ouvrira", "ouvrirait", "ouvre", "openable"),
    ("apprendre", "apprend", "appris", "apprenait", "apprendra", "apprendrait", "apprenne", "subject"),
]

FR_OBJECTS = {
    "food": [("une pomme", "la pomme", "f", False), ("du pain", "le pain", "m", False),
             ("du riz", "le riz", "m", False), ("un sandwich", "le sandwich", "m", False),
             ("de la soupe", "la soupe", "f", False), ("un gâteau au chocolat", "le gâteau", "m", False),
             ("du poisson", "le poisson", "m", False), ("des pâtes", "les pâtes", "f", True),
             ("des légumes", "les légumes", "m", True), ("une orange", "l'orange", "f", False),
             ("du fromage", "le fromage", "m", False), ("une pizza", "la pizza", "f", False),
             ("une salade", "la salade", "f", False), ("des crêpes", "les crêpes", "f", True)],
    "thing": [("un nouveau sac", "le sac", "m", False), ("un stylo bleu", "le stylo", "m", False),
              ("un parapluie rouge", "le parapluie", "m", False),
              ("une paire de chaussures", "les chaussures", "f", True),
              ("une petite lampe", "la lampe", "f", False), ("un ballon", "le ballon", "m", False),
              ("un plan de la ville", "le plan", "m", False),
              ("un cadeau d'anniversaire", "le cadeau", "m", False),
              ("un billet de train", "le billet", "m", False), ("une vieille guitare", "la guitare", "f", False),
              ("un manteau chaud", "le manteau", "m", False), ("une chaise verte", "la chaise", "f", False),
              ("un cahier", "le cahier", "m", False)],
    "read": [("un livre", "le livre", "m", False), ("le journal", "le journal", "m", False),
             ("une bande dessinée", "la bande dessinée", "f", False), ("un magazine", "le magazine", "m", False),
             ("une longue lettre", "la lettre", "f", False), ("le menu", "le menu", "m", False),
             ("une histoire de dragons", "l'histoire", "f", False), ("un poème", "le poème", "m", False),
             ("les horaires", "les horaires", "m", True)],
    "write": [("une lettre", "la lettre", "f", False), ("un courriel", "le courriel", "m", False),
              ("une carte postale", "la carte postale", "f", False), ("une petite histoire", "l'histoire", "f", False),
              ("une liste de courses", "la liste", "f", False), ("un message", "le message", "m", False),
              ("un rapport", "le rapport", "m", False)],
    "show": [("un film", "le film", "m", False), ("les informations", "les informations", "f", True),
             ("un match de football", "le match", "m", False), ("un dessin animé", "le dessin animé", "m", False),
             ("un documentaire sur les baleines", "le documentaire", "m", False),
             ("un concert", "le concert", "m", False)],
    "place": [("le musée", "le musée", "m", False), ("le vieux château", "le château", "m", False),
              ("le zoo", "le zoo", "m", False), ("le marché", "le marché", "m", False),
              ("la bibliothèque", "la bibliothèque", "f", False), ("une ferme", "la ferme", "f", False),
              ("la vieille ville", "la vieille ville", "f", False), ("le nouveau parc", "le parc", "m", False)],
    "room": [("la cuisine", "la cuisine", "f", False), ("la salle de bains", "la salle de bains", "f", False),
             ("le salon", "le salon", "m", False), ("le garage", "le garage", "m", False),
             ("sa chambre", "la chambre", "f", False), ("la salle de classe", "la salle de classe", "f", False),
             ("le bureau", "le bureau", "m", False)],
    "person": [("son amie", "son amie", "f", False), ("le médecin", "le médecin", "m", False),
               ("sa grand-mère", "sa grand-mère", "f", False), ("le professeur", "le professeur", "m", False),
               ("un nouveau camarade", "le nouveau camarade", "m", False),
               ("les voisins", "les voisins", "m", True), ("nos cousins", "nos cousins", "m", True),
               ("sa tante", "sa tante", "f", False), ("un vieil ami", "le vieil ami", "m", False)],
    "drink": [("de l'eau", "l'eau", "f", False), ("du lait", "le lait", "m", False),
              ("du thé", "le thé", "m", False), ("du café", "le café", "m", False),
              ("du jus d'orange", "le jus d'orange", "m", False), ("un chocolat chaud", "le chocolat", "m", False)],
    "broken": [("le vélo", "le vélo", "m", False), ("l'ordinateur", "l'ordinateur", "m", False),
               ("la vieille radio", "la radio", "f", False), ("la porte de la cuisine", "la porte", "f", False),
               ("l'imprimante", "l'imprimante", "f", False), ("la machine à laver", "la machine à laver", "f", False),
               ("l'horloge", "l'horloge", "f", False)],
    "openable": [("la fenêtre", "la fenêtre", "f", False), ("la porte", "la porte", "f", False),
                 ("un nouveau magasin", "le magasin", "m", False), ("la boîte", "la boîte", "f", False),
                 ("le frigo", "le frigo", "m", False), ("la lettre", "la lettre", "f", False)],
    "subject": [("l'anglais", "l'anglais", "m", False), ("l'espagnol", "l'espagnol", "m", False),
                ("les mathématiques", "les mathématiques", "f", True), ("l'histoire", "l'histoire", "f", False),
                ("la géographie", "la géographie", "f", False), ("la guitare", "la guitare", "f", False),
                ("des mots nouveaux", "les mots nouveaux", "m", True)],
}

FR_ADJ = [("content", "contente"), ("fatigué", "fatiguée"), ("grand", "grande"), ("petit", "petite"),
          ("heureux", "heureuse"), ("malade", "malade"), ("occupé", "occupée"), ("gentil", "gentille"),
          ("sympathique", "sympathique"), ("triste", "triste"), ("prêt", "prête"), ("calme", "calme"),
          ("en retard", "en retard"), ("pressé", "pressée")]
FR_THING_ADJ = [("grand", "grande"), ("petit", "petite"), ("beau", "belle"), ("cher", "chère"),
                ("nouveau", "nouvelle"), ("vieux", "vieille"), ("joli", "jolie"), ("pratique", "pratique"),
                ("intéressant", "intéressante"), ("difficile", "difficile")]
FR_COMPARE = [("le train", "le bus", "rapide", "m"), ("mon sac", "ton sac", "lourd", "m"),
              ("Paris", "Lyon", "grand", "m"), ("la robe rouge", "la robe bleue", "chère", "f"),
              ("ce livre", "le film", "intéressant", "m"), ("l'été", "l'hiver", "agréable", "m"),
              ("ma grand-mère", "mon grand-père", "âgée", "f"), ("la mer", "le lac", "froide", "f"),
              ("les chats", "les chiens", "calmes", "m"), ("notre maison", "leur appartement", "petite", "f")]

FR_T_PRES = ["tous les jours", "le lundi", "le matin", "après l'école", "le week-end", "tous les soirs",
             "deux fois par semaine", "le samedi matin", "l'après-midi", "chaque été"]
FR_T_PAST = ["hier", "la semaine dernière", "dimanche", "il y a deux jours", "l'été dernier",
             "en 2019", "ce matin", "hier soir", "vendredi soir", "il y a trois semaines"]
FR_T_FUT = ["demain", "la semaine prochaine", "vendredi", "l'été prochain", "ce soir",
            "après le déjeuner", "le mois prochain", "samedi"]
FR_PLACES = ["dans la cuisine", "à l'école", "au parc", "à la maison", "dans le jardin",
             "près de la gare", "au centre-ville", "à la bibliothèque", "en classe", "au marché",
             "au bord de la rivière", "au gymnase"]
FR_GO = ["au cinéma", "à la plage", "au marché", "chez ses grands-parents", "à la piscine",
         "au musée", "à la montagne", "en ville", "au stade", "à Marseille"]
FR_DURATION = ["deux semaines", "trois mois", "longtemps", "dix ans", "une heure", "six jours"]
FR_REASON = ["il pleuvait", "le magasin était fermé", "elle était très fatiguée", "le bus était en retard",
             "ils n'avaient pas d'argent", "c'était un jour férié", "il faisait mauvais", "il était malade"]
FR_FIXED = ["Bonjour !", "Bonjour à tous.", "Merci beaucoup.", "À demain !", "C'est une bonne idée.",
            "Je ne sais pas.", "Oui, bien sûr !", "Non, pas aujourd'hui.", "Vraiment ? C'est génial !",
            "Quelle belle journée !", "D'accord, on y va.", "Pardon, je suis en retard."]
FR_TOPICS = ["Au marché", "Ma famille", "Une journée à l'école", "Notre ville", "En vacances",
             "À la maison", "Le sport et les jeux", "Manger et boire", "Le week-end", "Une sortie au zoo",
             "Amis et voisins", "En ville", "Les informations", "Aider à la maison", "Une fête d'anniversaire",
             "À la bibliothèque", "Faire les courses", "Le temps et les saisons"]

# ---------------------------------------------------------------------------------------
# Spanish word lists, used only by `--sentences es` (there are no Spanish lessons). Verbs:
# (infinitive, presente 3sg, presente 1sg, participio, gerundio, indefinido 3sg, imperfecto
# 3sg, futuro 3sg, condicional 3sg, subjuntivo presente 3sg, subjuntivo imperfecto 3sg in
# -ra, what they take as a complement); in the conditional and both subjunctives the 1sg form
# is the 3sg one, which some frames use. Subjects are all singular.
# Complements: (form after the verb, definite form, gender, plural). Gender None marks the
# ones that are not a plain noun phrase (al cine, con los vecinos...): their verbs are kept out
# of the frames that need an agreeing pronoun, participle or adjective.
# ---------------------------------------------------------------------------------------

ES_PEOPLE = [  # (noun phrase, gender); the first twelve are names
    ("Lucía", "f"), ("Pablo", "m"), ("Carmen", "f"), ("Javier", "m"), ("Sofía", "f"),
    ("Diego", "m"), ("Marta", "f"), ("Andrés", "m"), ("Elena", "f"), ("Miguel", "m"),
    ("Inés", "f"), ("Tomás", "m"), ("mi hermano", "m"), ("mi hermana", "f"), ("el profesor", "m"),
    ("la vecina", "f"), ("mi primo", "m"), ("mi abuela", "f"), ("la doctora", "f"),
    ("mi amiga Julia", "f"), ("el panadero", "m"), ("mi tía", "f"), ("el nuevo alumno", "m"),
    ("nuestra profesora", "f"), ("mi abuelo", "m"),
]

ES_VERBS = [
    ("comer", "come", "como", "comido", "comiendo", "comió", "comía", "comerá", "comería", "coma",
     "comiera", "food"),
    ("preparar", "prepara", "preparo", "preparado", "preparando", "preparó", "preparaba", "preparará",
     "prepararía", "prepare", "preparara", "dish"),
    ("comprar", "compra", "compro", "comprado", "comprando", "compró", "compraba", "comprará",
     "compraría", "compre", "comprara", "thing"),
    ("traer", "trae", "traigo", "traído", "trayendo", "trajo", "traía", "traerá", "traería", "traiga",
     "trajera", "thing"),
    ("vender", "vende", "vendo", "vendido", "vendiendo", "vendió", "vendía", "venderá", "vendería",
     "venda", "vendiera", "sell"),
    ("leer", "lee", "leo", "leído", "leyendo", "leyó", "leía", "leerá", "leería", "lea", "leyera", "read"),
    ("escribir", "escribe", "escribo", "escrito", "escribiendo", "escribió", "escribía", "escribirá",
     "escribiría", "escriba", "escribiera", "write"),
    ("enviar", "envía", "envío", "enviado", "enviando", "envió", "enviaba", "enviará", "enviaría",
     "envíe", "enviara", "write"),
    ("ver", "ve", "veo", "visto", "viendo", "vio", "veía", "verá", "vería", "vea", "viera", "show"),
    ("visitar", "visita", "visito", "visitado", "visitando", "visitó", "visitaba", "visitará",
     "visitaría", "visite", "visitara", "place"),
    ("limpiar", "limpia", "limpio", "limpiado", "limpiando", "limpió", "limpiaba", "limpiará",
     "limpiaría", "limpie", "limpiara", "room"),
    ("ordenar", "ordena", "ordeno", "ordenado", "ordenando", "ordenó", "ordenaba", "ordenará",
     "ordenaría", "ordene", "ordenara", "room"),
    ("llamar", "llama", "llamo", "llamado", "llamando", "llamó", "llamaba", "llamará", "llamaría",
     "llame", "llamara", "person"),
    ("ayudar", "ayuda", "ayudo", "ayudado", "ayudando", "ayudó", "ayudaba", "ayudará", "ayudaría",
     "ayude", "ayudara", "person"),
    ("beber", "bebe", "bebo", "bebido", "bebiendo", "bebió", "bebía", "beberá", "bebería", "beba",
     "bebiera", "drink"),
    ("arreglar", "arregla", "arreglo", "arreglado", "arreglando", "arregló", "arreglaba", "arreglará",
     "arreglaría", "arregle", "arreglara", "broken"),
    ("abrir", "abre", "abro", "abierto", "abriendo", "abrió", "abría", "abrirá", "abriría", "abra",
     "abriera", "openable"),
    ("estudiar", "estudia", "estudio", "estudiado", "estudiando", "estudió", "estudiaba", "estudiará",
     "estudiaría", "estudie", "estudiara", "subject"),
    ("aprender", "aprende", "aprendo", "aprendido", "aprendiendo", "aprendió", "aprendía", "aprenderá",
     "aprendería", "aprenda", "aprendiera", "subject"),
    ("hacer", "hace", "hago", "hecho", "haciendo", "hizo", "hacía", "hará", "haría", "haga", "hiciera",
     "task"),
    ("poner", "pone", "pongo", "puesto", "poniendo", "puso", "ponía", "pondrá", "pondría", "ponga",
     "pusiera", "put"),
    ("tocar", "toca", "toco", "tocado", "tocando", "tocó", "tocaba", "tocará", "tocaría", "toque",
     "tocara", "instrument"),
    ("decir", "dice", "digo", "dicho", "diciendo", "dijo", "decía", "dirá", "diría", "diga", "dijera",
     "say"),
    ("jugar", "juega", "juego", "jugado", "jugando", "jugó", "jugaba", "jugará", "jugaría", "juegue",
     "jugara", "game"),
    ("hablar", "habla", "hablo", "hablado", "hablando", "habló", "hablaba", "hablará", "hablaría",
     "hable", "hablara", "talk"),
    ("trabajar", "trabaja", "trabajo", "trabajado", "trabajando", "trabajó", "trabajaba", "trabajará",
     "trabajaría", "trabaje", "trabajara", "work"),
    ("ir", "va", "voy", "ido", "yendo", "fue", "iba", "irá", "iría", "vaya", "fuera", "go"),
    ("venir", "viene", "vengo", "venido", "viniendo", "vino", "venía", "vendrá", "vendría", "venga",
     "viniera", "come"),
    ("salir", "sale", "salgo", "salido", "saliendo", "salió", "salía", "saldrá", "saldría", "salga",
     "saliera", "out"),
    ("volver", "vuelve", "vuelvo", "vuelto", "volviendo", "volvió", "volvía", "volverá", "volvería",
     "vuelva", "volviera", "back"),
]

ES_OBJECTS = {
    "food": [("una manzana", "la manzana", "f", False), ("pan", "el pan", "m", False),
             ("arroz", "el arroz", "m", False), ("un bocadillo", "el bocadillo", "m", False),
             ("sopa de verduras", "la sopa", "f", False), ("una tarta de chocolate", "la tarta", "f", False),
             ("pescado", "el pescado", "m", False), ("pasta", "la pasta", "f", False),
             ("verduras", "las verduras", "f", True), ("una naranja", "la naranja", "f", False),
             ("queso", "el queso", "m", False), ("una pizza", "la pizza", "f", False),
             ("una ensalada", "la ensalada", "f", False), ("galletas", "las galletas", "f", True),
             ("dos huevos", "los huevos", "m", True)],
    "dish": [("una paella", "la paella", "f", False), ("sopa de pescado", "la sopa", "f", False),
             ("una tarta de manzana", "la tarta", "f", False), ("arroz con verduras", "el arroz", "m", False),
             ("pescado al horno", "el pescado", "m", False), ("una ensalada de tomate", "la ensalada", "f", False),
             ("una tortilla de patatas", "la tortilla", "f", False), ("unas galletas", "las galletas", "f", True),
             ("la cena", "la cena", "f", False), ("el desayuno", "el desayuno", "m", False),
             ("unos espaguetis", "los espaguetis", "m", True)],
    "thing": [("una mochila nueva", "la mochila", "f", False), ("un bolígrafo azul", "el bolígrafo", "m", False),
              ("un paraguas rojo", "el paraguas", "m", False), ("unos zapatos", "los zapatos", "m", True),
              ("una lámpara pequeña", "la lámpara", "f", False), ("un balón", "el balón", "m", False),
              ("un mapa de la ciudad", "el mapa", "m", False), ("un regalo de cumpleaños", "el regalo", "m", False),
              ("un billete de tren", "el billete", "m", False), ("una guitarra vieja", "la guitarra", "f", False),
              ("un abrigo", "el abrigo", "m", False), ("una silla verde", "la silla", "f", False),
              ("un cuaderno", "el cuaderno", "m", False), ("unas gafas de sol", "las gafas", "f", True)],
    "sell": [("fruta", "la fruta", "f", False), ("verduras", "las verduras", "f", True),
             ("pescado fresco", "el pescado", "m", False), ("libros usados", "los libros", "m", True),
             ("un coche viejo", "el coche", "m", False), ("flores", "las flores", "f", True),
             ("pan casero", "el pan", "m", False), ("una bicicleta", "la bicicleta", "f", False)],
    "read": [("un libro", "el libro", "m", False), ("el periódico", "el periódico", "m", False),
             ("un cómic", "el cómic", "m", False), ("una revista", "la revista", "f", False),
             ("una carta larga", "la carta", "f", False), ("el menú", "el menú", "m", False),
             ("un cuento de dragones", "el cuento", "m", False), ("un poema", "el poema", "m", False),
             ("las instrucciones", "las instrucciones", "f", True), ("una novela", "la novela", "f", False)],
    "write": [("una carta", "la carta", "f", False), ("un correo", "el correo", "m", False),
              ("una postal", "la postal", "f", False), ("un cuento corto", "el cuento", "m", False),
              ("la lista de la compra", "la lista", "f", False), ("un mensaje", "el mensaje", "m", False),
              ("un informe", "el informe", "m", False), ("unas invitaciones", "las invitaciones", "f", True)],
    "show": [("una película", "la película", "f", False), ("las noticias", "las noticias", "f", True),
             ("un partido de fútbol", "el partido", "m", False),
             ("unos dibujos animados", "los dibujos animados", "m", True),
             ("un documental sobre ballenas", "el documental", "m", False),
             ("un concierto", "el concierto", "m", False), ("una serie nueva", "la serie", "f", False)],
    "place": [("el museo", "el museo", "m", False), ("el castillo", "el castillo", "m", False),
              ("el zoo", "el zoo", "m", False), ("el mercado", "el mercado", "m", False),
              ("la catedral", "la catedral", "f", False), ("una granja", "la granja", "f", False),
              ("el casco antiguo", "el casco antiguo", "m", False), ("el parque nuevo", "el parque", "m", False),
              ("las cuevas", "las cuevas", "f", True)],
    "room": [("la cocina", "la cocina", "f", False), ("el baño", "el baño", "m", False),
             ("el salón", "el salón", "m", False), ("el garaje", "el garaje", "m", False),
             ("la habitación", "la habitación", "f", False), ("el despacho", "el despacho", "m", False),
             ("los armarios", "los armarios", "m", True)],
    "person": [("a una amiga", "a una amiga", "f", False), ("al médico", "al médico", "m", False),
               ("a la abuela", "a la abuela", "f", False), ("al profesor", "al profesor", "m", False),
               ("a un compañero nuevo", "al compañero nuevo", "m", False),
               ("a los vecinos", "a los vecinos", "m", True), ("a los primos", "a los primos", "m", True),
               ("a la tía Rosa", "a la tía Rosa", "f", False), ("a un viejo amigo", "al viejo amigo", "m", False)],
    "drink": [("agua", "el agua", "f", False), ("leche", "la leche", "f", False), ("té", "el té", "m", False),
              ("café", "el café", "m", False), ("zumo de naranja", "el zumo", "m", False),
              ("chocolate caliente", "el chocolate", "m", False), ("limonada", "la limonada", "f", False)],
    "broken": [("la bici", "la bici", "f", False), ("el ordenador", "el ordenador", "m", False),
               ("la radio vieja", "la radio", "f", False), ("la puerta de la cocina", "la puerta", "f", False),
               ("la impresora", "la impresora", "f", False), ("la lavadora", "la lavadora", "f", False),
               ("el reloj", "el reloj", "m", False), ("los frenos de la bici", "los frenos", "m", True)],
    "openable": [("la ventana", "la ventana", "f", False), ("la puerta", "la puerta", "f", False),
                 ("la tienda", "la tienda", "f", False), ("la caja", "la caja", "f", False),
                 ("la nevera", "la nevera", "f", False), ("los regalos", "los regalos", "m", True),
                 ("el paquete", "el paquete", "m", False)],
    "subject": [("inglés", "el inglés", "m", False), ("francés", "el francés", "m", False),
                ("matemáticas", "las matemáticas", "f", True), ("historia", "la historia", "f", False),
                ("geografía", "la geografía", "f", False), ("química", "la química", "f", False),
                ("palabras nuevas", "las palabras nuevas", "f", True)],
    "task": [("los deberes", "los deberes", "m", True), ("la compra", "la compra", "f", False),
             ("la cama", "la cama", "f", False), ("la maleta", "la maleta", "f", False),
             ("un pastel", "el pastel", "m", False), ("un examen", "el examen", "m", False),
             ("muchas fotos", "las fotos", "f", True), ("un ejercicio difícil", "el ejercicio", "m", False)],
    "put": [("la mesa", "la mesa", "f", False), ("la lavadora", "la lavadora", "f", False),
            ("la radio", "la radio", "f", False), ("la calefacción", "la calefacción", "f", False),
            ("música", "la música", "f", False), ("el lavavajillas", "el lavavajillas", "m", False)],
    "instrument": [("la guitarra", "la guitarra", "f", False), ("el piano", "el piano", "m", False),
                   ("el violín", "el violín", "m", False), ("la batería", "la batería", "f", False),
                   ("la flauta", "la flauta", "f", False), ("el saxofón", "el saxofón", "m", False)],
    "say": [("la verdad", None, None, False), ("buenos días a los vecinos", None, None, False),
            ("adiós a los compañeros", None, None, False), ("cosas muy bonitas", None, None, False),
            ("que no a todo", None, None, False)],
    "game": [("al fútbol", None, None, False), ("al tenis", None, None, False), ("al ajedrez", None, None, False),
             ("al baloncesto", None, None, False), ("a las cartas", None, None, False),
             ("a los videojuegos", None, None, False), ("al voleibol", None, None, False)],
    "talk": [("con el médico", None, None, False), ("por teléfono", None, None, False),
             ("en inglés con los compañeros", None, None, False), ("con los vecinos", None, None, False),
             ("de las vacaciones", None, None, False), ("con la directora", None, None, False)],
    "work": [("en un hospital", None, None, False), ("en una tienda de ropa", None, None, False),
             ("desde casa", None, None, False), ("en una oficina del centro", None, None, False),
             ("en un restaurante", None, None, False), ("en el jardín", None, None, False)],
    "go": [("al cine", None, None, False), ("a la playa", None, None, False), ("al mercado", None, None, False),
           ("a casa de los abuelos", None, None, False), ("a la piscina", None, None, False),
           ("al museo", None, None, False), ("a la montaña", None, None, False), ("al centro", None, None, False),
           ("al estadio", None, None, False), ("a Sevilla", None, None, False)],
    "come": [("a la fiesta", None, None, False), ("a clase", None, None, False), ("a la reunión", None, None, False),
             ("al concierto", None, None, False), ("a la cena de Navidad", None, None, False),
             ("a las clases de baile", None, None, False)],
    "out": [("con unos amigos", None, None, False), ("de casa", None, None, False), ("a correr", None, None, False),
            ("a pasear con el perro", None, None, False), ("a cenar fuera", None, None, False),
            ("del trabajo", None, None, False)],
    "back": [("a casa", None, None, False), ("del colegio", None, None, False), ("de Madrid", None, None, False),
             ("de vacaciones", None, None, False), ("a la oficina", None, None, False),
             ("del gimnasio", None, None, False)],
}

# Verbs with a noun phrase object (pronouns, relative clauses, places after the object), verbs
# that read well with estar/llevar + gerundio, verbs whose object can be a passive subject.
ES_TRANSITIVE = [v for v in ES_VERBS if all(o[2] for o in ES_OBJECTS[v[11]])]
ES_DURATIVE = [v for v in ES_VERBS if v[11] not in ("go", "come", "out", "back")]
ES_LONG = ("subject", "instrument", "work", "game", "talk")  # things one does for a long time
ES_PASSIVE = [v for v in ES_VERBS if v[0] in ("preparar", "comprar", "vender", "leer", "escribir",
                                              "enviar", "visitar", "limpiar", "ordenar", "arreglar", "abrir")]

ES_REFLEXIVE = [  # (infinitive, presente 3sg, presente 1sg, participio, indefinido 3sg, complements)
    ("levantarse", "levanta", "levanto", "levantado", "levantó", ["temprano", "a las siete", "muy tarde"]),
    ("acostarse", "acuesta", "acuesto", "acostado", "acostó", ["a las diez", "muy tarde", "pronto"]),
    ("ducharse", "ducha", "ducho", "duchado", "duchó", ["por la mañana", "después del partido", "con agua fría"]),
    ("vestirse", "viste", "visto", "vestido", "vistió", ["muy deprisa", "para la fiesta", "antes de desayunar"]),
    ("despertarse", "despierta", "despierto", "despertado", "despertó",
     ["a las seis y media", "con el ruido de la calle", "muy pronto"]),
    ("quedarse", "queda", "quedo", "quedado", "quedó", ["en casa", "con los abuelos", "en la cama hasta tarde"]),
    ("sentarse", "sienta", "siento", "sentado", "sentó",
     ["al lado de la ventana", "en la primera fila", "cerca de la puerta"]),
    ("lavarse", "lava", "lavo", "lavado", "lavó",
     ["las manos antes de comer", "los dientes después de cenar", "el pelo por la mañana"]),
]

ES_LEND = [  # (indefinido 3sg, presente 1sg, indefinido 1sg) of verbs with two objects
    ("prestó", "presto", "presté"), ("regaló", "regalo", "regalé"), ("dio", "doy", "di"),
    ("mandó", "mando", "mandé"), ("trajo", "traigo", "traje"), ("dejó", "dejo", "dejé"),
]

ES_ADJ = [("cansado", "cansada"), ("contento", "contenta"), ("ocupado", "ocupada"), ("enfermo", "enferma"),
          ("nervioso", "nerviosa"), ("aburrido", "aburrida"), ("preocupado", "preocupada"),
          ("enfadado", "enfadada"), ("tranquilo", "tranquila"), ("triste", "triste")]  # with estar
ES_CHAR_ADJ = [("simpático", "simpática"), ("alto", "alta"), ("inteligente", "inteligente"),
               ("divertido", "divertida"), ("amable", "amable"), ("trabajador", "trabajadora"),
               ("tímido", "tímida"), ("generoso", "generosa"), ("puntual", "puntual"),
               ("hablador", "habladora")]  # with ser
ES_THING_ADJ = {  # for the objects of each category that has them in relative clauses
    "dish": [("rico", "rica"), ("bueno", "buena"), ("salado", "salada"), ("original", "original")],
    "thing": [("bonito", "bonita"), ("caro", "cara"), ("útil", "útil"), ("barato", "barata"),
              ("práctico", "práctica"), ("pesado", "pesada")],
    "sell": [("caro", "cara"), ("barato", "barata"), ("bueno", "buena"), ("viejo", "vieja")],
    "read": [("interesante", "interesante"), ("largo", "larga"), ("aburrido", "aburrida"),
             ("divertido", "divertida"), ("difícil", "difícil")],
    "write": [("largo", "larga"), ("corto", "corta"), ("divertido", "divertida"), ("claro", "clara")],
    "show": [("interesante", "interesante"), ("largo", "larga"), ("aburrido", "aburrida"),
             ("divertido", "divertida"), ("emocionante", "emocionante")],
}
ES_LIKES = [  # (definite noun phrase, plural) for gustar
    ("el chocolate", False), ("las manzanas", True), ("la música clásica", False), ("los deportes", True),
    ("el fútbol", False), ("las películas de miedo", True), ("la historia", False), ("los animales", True),
    ("el queso", False), ("las matemáticas", True), ("el verano", False), ("los libros de aventuras", True),
    ("la pizza", False), ("las fresas", True),
]
ES_COMPARE = [  # (first, second, adjective agreeing with the first, verb, irregular comparative)
    ("el tren", "el autobús", "rápido", "es", False), ("mi mochila", "la tuya", "pesada", "es", False),
    ("Madrid", "Valencia", "grande", "es", False), ("el vestido rojo", "el azul", "caro", "es", False),
    ("este libro", "la película", "interesante", "es", False), ("el verano", "el invierno", "agradable", "es", False),
    ("nuestra casa", "vuestro piso", "pequeña", "es", False), ("los gatos", "los perros", "tranquilos", "son", False),
    ("el ajedrez", "las damas", "difícil", "es", False), ("esta calle", "la plaza", "ruidosa", "es", False),
    ("mis primas", "mis hermanas", "altas", "son", False), ("la sopa de hoy", "la de ayer", "rica", "está", False),
    ("mi abuela", "mi abuelo", "mayor", "es", True), ("la paella de mi madre", "la de mi tía", "mejor", "es", True),
    ("el tiempo de hoy", "el de ayer", "peor", "es", True), ("mi hermano", "yo", "menor", "es", True),
]

ES_T_PRES = ["todos los días", "los lunes", "por la mañana", "después de clase", "los fines de semana",
             "todas las tardes", "dos veces por semana", "los sábados por la mañana", "por la tarde", "cada verano"]
ES_T_PAST = ["ayer", "la semana pasada", "el domingo", "hace dos días", "el verano pasado", "en 2019",
             "anoche", "el viernes por la tarde", "hace tres semanas", "el mes pasado"]
ES_T_DAY = ["ayer", "el domingo", "el lunes", "el sábado", "el viernes"]
ES_T_PERF = ["esta mañana", "hoy", "esta semana", "este mes", "este verano", "esta tarde"]
ES_T_FUT = ["mañana", "la semana que viene", "el viernes", "el próximo verano", "esta noche",
            "después de comer", "el mes que viene", "el sábado"]
ES_PLACES = ["en la cocina", "en el colegio", "en el parque", "en casa", "en el jardín",
             "cerca de la estación", "en el centro", "en la biblioteca", "en clase", "en el mercado",
             "a orillas del río", "en el polideportivo"]
ES_CITIES = ["Sevilla", "Valencia", "Bilbao", "Granada", "Salamanca", "Málaga", "Zaragoza", "Toledo",
             "Lima", "Bogotá", "Buenos Aires", "Córdoba"]
ES_THEN = ["todo habría sido más fácil", "no habría tenido ningún problema", "habría llegado a tiempo",
           "lo habría pasado mucho mejor", "no habría tenido que esperar tanto", "habría podido descansar un poco"]
ES_NOTICE = ["era muy tarde", "había olvidado las llaves", "faltaba algo", "se había equivocado de día",
             "todo estaba en orden", "no había nadie más", "el tiempo había cambiado"]
ES_DURATION = ["dos semanas", "tres meses", "mucho tiempo", "diez años", "una hora", "seis días", "media hora"]
ES_REASON = ["llovía mucho", "la tienda estaba cerrada", "el autobús no pasaba", "no tenían dinero",
             "era un día de fiesta", "hacía mal tiempo", "hacía mucho frío", "no había nadie en casa",
             "la biblioteca estaba cerrada", "el tren llegaba con retraso"]

# Bilingual vocabulary: (English, French with article, gender of the French noun).
VOCAB = [
    ("kitchen", "la cuisine", "f"), ("garden", "le jardin", "m"), ("library", "la bibliothèque", "f"),
    ("market", "le marché", "m"), ("bakery", "la boulangerie", "f"), ("station", "la gare", "f"),
    ("bedroom", "la chambre", "f"), ("window", "la fenêtre", "f"), ("umbrella", "le parapluie", "m"),
    ("newspaper", "le journal", "m"), ("neighbour", "le voisin", "m"), ("town hall", "la mairie", "f"),
    ("bridge", "le pont", "m"), ("river", "la rivière", "f"), ("beach", "la plage", "f"),
    ("ticket", "le billet", "m"), ("timetable", "l'emploi du temps", "m"), ("shop", "le magasin", "m"),
    ("street", "la rue", "f"), ("cheese", "le fromage", "m"), ("bread", "le pain", "m"),
    ("apple", "la pomme", "f"), ("bike", "le vélo", "m"), ("car", "la voiture", "f"),
    ("school", "l'école", "f"), ("teacher", "le professeur", "m"), ("holiday", "les vacances", "f"),
    ("weather", "la météo", "f"), ("rain", "la pluie", "f"), ("snow", "la neige", "f"),
    ("mountain", "la montagne", "f"), ("castle", "le château", "m"), ("museum", "le musée", "m"),
    ("doctor", "le médecin", "m"), ("hospital", "l'hôpital", "m"), ("shoes", "les chaussures", "f"),
    ("coat", "le manteau", "m"), ("present", "le cadeau", "m"), ("cake", "le gâteau", "m"),
    ("friend", "l'ami", "m"), ("cousin", "le cousin", "m"), ("aunt", "la tante", "f"),
    ("homework", "les devoirs", "m"), ("lesson", "la leçon", "f"), ("game", "le jeu", "m"),
    ("song", "la chanson", "f"), ("letter", "la lettre", "f"), ("key", "la clé", "f"),
    ("clock", "l'horloge", "f"), ("lamp", "la lampe", "f"), ("chair", "la chaise", "f"),
    ("table", "la table", "f"), ("floor", "le sol", "m"), ("wall", "le mur", "m"),
    ("rent", "le loyer", "m"), ("traffic jam", "l'embouteillage", "m"), ("cycle lane", "la piste cyclable", "f"),
    ("meeting", "la réunion", "f"), ("journey", "le voyage", "m"), ("suitcase", "la valise", "f"),
]

LEVELS = ["A1", "A2", "B1", "B2"]

INSTR = {
    # Instructions are written in the support language: French for the English lessons,
    # English for the French ones.
    "en": {
        "text": ["Lis le texte.", "Lis le texte, puis réponds aux questions.", "Lis l'histoire à voix haute.",
                 "Lis le message de ton correspondant."],
        "multiple_choice": ["Choisis la bonne réponse.", "Choisis la forme correcte du verbe.",
                            "Coche la bonne réponse."],
        "gap_fill": ["Complète les phrases avec la forme correcte du verbe.", "Complète le texte.",
                     "Mets les verbes entre parenthèses à la bonne forme."],
        "vocabulary": ["Apprends ce mot.", "Retiens ce mot et son exemple."],
        "matching": ["Associe chaque mot anglais à sa traduction.", "Relie les mots à leur traduction."],
        "dialogue": ["Écoute le dialogue, puis joue-le avec un camarade.", "Lis le dialogue à deux."],
        "ordering": ["Remets les mots dans l'ordre pour former une phrase."],
        "open": ["Écris quelques phrases.", "Réponds à la question en trois ou quatre phrases."],
        "feedback": ["Relis bien la phrase.", "Attention à la forme du verbe.", "Regarde le sujet de la phrase.",
                     "Pense au temps du verbe : présent, passé ou futur ?"],
    },
    "fr": {
        "text": ["Read the text.", "Read the text, then answer the questions.", "Read the story aloud.",
                 "Read your pen friend's message."],
        "multiple_choice": ["Choose the right answer.", "Choose the right form of the verb.",
                            "Tick the right answer."],
        "gap_fill": ["Complete the sentences with the right form of the verb.", "Complete the text.",
                     "Put the verbs in brackets in the right form."],
        "vocabulary": ["Learn this word.", "Remember this word and its example."],
        "matching": ["Match each French word with its translation.", "Match the words with their translation."],
        "dialogue": ["Listen to the dialogue, then act it out with a partner.", "Read the dialogue in pairs."],
        "ordering": ["Put the words in order to make a sentence."],
        "open": ["Write a few sentences.", "Answer the question in three or four sentences."],
        "feedback": ["Read the sentence again.", "Look at the form of the verb.", "Look at the subject of the sentence.",
                     "Think about the tense: present, past or future?"],
    },
}


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def pick_frame(maker, level):
    """The sentence frame method (`s_a1`...) of `maker` for `level`, or sometimes for a lower
    level."""
    r = maker.r
    i = LEVELS.index(level)
    lv = LEVELS[i] if r.random() < 0.6 else LEVELS[r.randint(0, i)]
    return getattr(maker, "s_" + lv.lower())


# ---------------------------------------------------------------------------------------
# Sentence makers. Each returns (sentence, blank, hint, distractors): `blank` is a part of
# the sentence that an exercise can blank out (None when there is none), `hint` what to
# give in brackets, `distractors` wrong forms for a multiple-choice question.
# ---------------------------------------------------------------------------------------


def en_plural(np):
    """Rough number of an English noun phrase of the lists above."""
    if np.startswith(("a ", "an ")) or np in ("the news", "chess"):
        return False
    return np.endswith("s")


class English:
    lang = "en"

    def __init__(self, rng):
        self.r = rng

    def person(self):
        return self.r.choice(EN_PEOPLE)

    def verb(self):
        return self.r.choice(EN_VERBS)

    def obj(self, v):
        return self.r.choice(EN_OBJECTS[v[5]])

    def sentence(self, level):
        """A sentence of `level` (or sometimes of a lower level)."""
        return pick_frame(self, level)()

    def s_a1(self):
        r = self.r
        s, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(10)
        if k == 0:
            return (f"{cap(s)} {v[1]} {o} {r.choice(EN_T_PRES)}.", v[1], v[0], [v[0], v[4]])
        if k == 1:
            return (f"{cap(s)} doesn't {v[0]} {o} {r.choice(EN_T_PRES)}.", "doesn't " + v[0],
                    "not " + v[0], ["don't " + v[0], "isn't " + v[0]])
        if k == 2:
            return (f"Does {s} {v[0]} {o} {r.choice(EN_T_PRES)}?", "Does", "do", ["Do", "Is"])
        if k == 3:
            return (f"I {v[0]} {o} {r.choice(EN_T_PRES)}.", v[0], v[0], [v[1], v[4]])
        if k == 4:
            return (f"We can {v[0]} {o} {r.choice(EN_PLACES)}.", "can", None, ["cans", "are"])
        if k == 5:
            t = r.choice(EN_OBJECTS["thing"])
            return (f"There is {t} {r.choice(EN_PLACES)}.", "is", "be", ["are", "am"])
        if k == 6:
            return (f"{cap(s)} is {r.choice(EN_ADJ)} today.", "is", "be", ["are", "am"])
        if k == 7:
            return (f"{cap(s)} plays {r.choice(EN_PLAY)} {r.choice(EN_T_PRES)}.", "plays", "play", ["play", "playing"])
        if k == 8:
            return (f"{r.choice(EN_PEOPLE[:16])[0]} is {r.randint(6, 15)} years old.", "is", "be", ["has", "are"])
        return (f"{cap(s)} has {r.choice(EN_OBJECTS['thing'])}.", "has", "have", ["have", "is"])

    def s_a2(self):
        r = self.r
        s, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(9)
        if k == 0:
            return (f"{cap(s)} {v[2]} {o} {r.choice(EN_T_PAST)}.", v[2], v[0], [v[0], v[1]])
        if k == 1:
            return (f"{cap(s)} didn't {v[0]} {o} {r.choice(EN_T_PAST)}.", "didn't " + v[0], "not " + v[0],
                    ["didn't " + v[2], "doesn't " + v[2]])
        if k == 2:
            return (f"Did you {v[0]} {o} {r.choice(EN_T_PAST)}?", "Did", "do", ["Do", "Are"])
        if k == 3:
            return (f"We are going to {v[0]} {o} {r.choice(EN_T_FUT)}.", "going to " + v[0], v[0],
                    ["going " + v[0], "go to " + v[0]])
        if k == 4:
            v2 = self.verb()
            return (f"{cap(s)} was {r.choice(EN_ADJ)} because {pro} {v2[2]} {self.obj(v2)} {r.choice(EN_T_PAST)}.",
                    "was", "be", ["were", "is"])
        if k == 5:
            a, b, c = r.choice(EN_COMPARE)
            return (f"{cap(a)} is {c} than {b}.", c, None, [c.replace("more ", "most "), "as " + c])
        if k == 6:
            return (f"{cap(s)} is {v[4]} {o} {r.choice(EN_PLACES)} at the moment.", "is " + v[4], v[0],
                    [v[1], "is " + v[0]])
        if k == 7:
            return (f"When I was young, I often {v[2]} {o} {r.choice(EN_T_PRES)}.", v[2], v[0], [v[1], v[4]])
        return (f"You must {v[0]} {o} before {r.randint(1, 11)} o'clock.", "must " + v[0], v[0],
                ["must to " + v[0], "musts " + v[0]])

    def s_b1(self):
        r = self.r
        s, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(9)
        if k == 0:
            t = r.choice(["since Monday", "for " + r.choice(EN_DURATION), "this week", "recently"])
            return (f"{cap(s)} has {v[3]} {o} {t}.", "has " + v[3], v[0], ["has " + v[0], "is " + v[4]])
        if k == 1:
            return (f"Have you ever {v[3]} {o}?", v[3], v[0], [v[0], v[4]])
        if k == 2:
            return (f"If it rains {r.choice(EN_T_FUT)}, we will {v[0]} {o} {r.choice(EN_PLACES)}.",
                    "will " + v[0], v[0], ["would " + v[0], v[2]])
        if k == 3:
            return (f"{cap(s)} used to {v[0]} {o} {r.choice(EN_T_PRES)}.", "used to " + v[0], v[0],
                    ["use to " + v[2], "was used " + v[0]])
        if k == 4:
            t = r.choice(EN_OBJECTS["thing"]).split(" ", 1)[1]
            return (f"The {t} that {s} {r.choice(['bought', 'found', 'sold', 'brought'])} {r.choice(EN_T_PAST)} "
                    f"was very {r.choice(EN_ADJ)}.", "that", None, ["who", "where"])
        if k == 5:
            return (f"I have been {v[4]} {o} for {r.choice(EN_DURATION)}.", "have been " + v[4], v[0],
                    ["am " + v[4], "have " + v[4]])
        if k == 6:
            return (f"{cap(s)} might {v[0]} {o} {r.choice(EN_T_FUT)}, but {pro} isn't sure yet.", "might " + v[0],
                    v[0], ["might " + v[1], "might to " + v[0]])
        if k == 7:
            return (f"If I had more time, I would {v[0]} {o} {r.choice(EN_T_PRES)}.", "would " + v[0], v[0],
                    ["will " + v[0], "had " + v[3]])
        return (f"{cap(s)} told me that {pro} was {v[4]} {o}.", "was " + v[4], v[0], ["is " + v[4], "were " + v[4]])

    def s_b2(self):
        r = self.r
        s, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        v2 = self.verb()
        o2 = self.obj(v2)
        k = r.randrange(8)
        if k == 0:
            be = "were" if en_plural(o) else "was"
            return (f"{cap(o)} {be} {v[3]} by {s} {r.choice(EN_T_PAST)}.", f"{be} {v[3]}", v[0],
                    [f"{be} {v[4]}", "has " + v[3]])
        if k == 1:
            be = "are" if en_plural(o) else "is"
            return (f"{cap(o)} {be} being {v[3]} {r.choice(EN_PLACES)} at the moment.", f"{be} being {v[3]}",
                    v[0], [f"{be} {v[4]}", "was " + v[0]])
        if k == 2:
            return (f"If {s} had {v[3]} {o} {r.choice(EN_T_PAST)}, {pro} would have {v2[3]} {o2}.",
                    "had " + v[3], v[0], ["has " + v[3], "would " + v[0]])
        if k == 3:
            return (f"{cap(s)} said that {pro} had {v[3]} {o} the day before.", "had " + v[3], v[0],
                    ["has " + v[3], v[2]])
        if k == 4:
            return (f"{cap(s)} should have {v[3]} {o} {r.choice(EN_T_PAST)}.", "should have " + v[3], v[0],
                    ["should " + v[2], "should has " + v[3]])
        if k == 5:
            return (f"{cap(s)} must have {v[3]} {o} before leaving, because {r.choice(EN_REASON)}.",
                    "must have " + v[3], v[0], ["must " + v[2], "must had " + v[3]])
        if k == 6:
            return (f"Although {pro} was {r.choice(EN_ADJ)}, {s} {v[2]} {o} {r.choice(EN_T_PAST)}.", "Although",
                    None, ["Despite", "However"])
        return (f"By the time we arrived, {s} had already {v[3]} {o}.", "had already " + v[3], v[0],
                ["has already " + v[3], "already " + v[2]])

    def question_answer(self, level):
        r = self.r
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(5)
        if k == 0:
            return (f"What do you usually do {r.choice(EN_T_PRES)}?", f"I usually {v[0]} {o}.")
        if k == 1:
            return (f"What did you do {r.choice(EN_T_PAST)}?", f"I {v[2]} {o} {r.choice(EN_PLACES)}.")
        if k == 2:
            s, pro = self.person()
            return (f"Where is {s}?", f"{cap(pro)} is {r.choice(EN_PLACES)}.")
        if k == 3:
            return (f"Are you going to {v[0]} {o} {r.choice(EN_T_FUT)}?", r.choice(EN_FIXED))
        return (f"Have you ever {v[3]} {o}?", f"Yes, I have. I {v[2]} {o} {r.choice(EN_T_PAST)}.")

    def gloss(self, en, fr):
        return en, fr  # target, support

    def vocab_example(self, en, fr, g):
        r = self.r
        k = r.randrange(3)
        art = "the " if en not in ("homework", "rain", "snow", "bread", "cheese", "weather") else ""
        if k == 0:
            return f"{cap(art)}{en} is very {r.choice(EN_THING_ADJ)}."
        if k == 1:
            return f"I can see {art}{en} from here."
        return f"We talked about {art}{en} {r.choice(EN_T_PAST)}."

    def open_prompt(self):
        r = self.r
        return r.choice(["Tell me about your family.", "What do you do at the weekend?",
                         "Describe your town in a few sentences.", "What did you do last summer?",
                         "What would you do if you had a free day?", "Describe your favourite meal.",
                         "Write about a trip you remember."])


ELIDE_RE = re.compile(r"\b([jmtsnldJMTSNLD]|[Qq]u)e ([aeiouyéèêàâîôûhAEIOUYÉÈÊÀÂÎÔÛH])")
LA_RE = re.compile(r"\b([Ll])a ([aeiouéèêâîôûAEIOUÉ])")
SI_RE = re.compile(r"\b([Ss])i (ils?)\b")


def fr_fix(s):
    """French elision: je arrive → j'arrive, que elle → qu'elle, si il → s'il."""
    s = ELIDE_RE.sub(r"\1'\2", s)
    s = LA_RE.sub(r"\1'\2", s)
    return SI_RE.sub(r"\1'\2", s)


def agree(pp, g, pl):
    out = pp
    if g == "f":
        out += "e"
    if pl and not out.endswith("s"):
        out += "s"
    return out


class French:
    lang = "fr"

    def __init__(self, rng):
        self.r = rng

    def person(self):
        s, g = self.r.choice(FR_PEOPLE)
        return s, g, ("elle" if g == "f" else "il")

    def verb(self):
        return self.r.choice(FR_VERBS)

    def obj(self, v):
        return self.r.choice(FR_OBJECTS[v[7]])

    def adj(self, g, table=FR_ADJ):
        a = self.r.choice(table)
        return a[1] if g == "f" else a[0]

    def sentence(self, level):
        s, blank, hint, dis = pick_frame(self, level)()
        return fr_fix(s), blank, hint, dis

    def s_a1(self):
        r = self.r
        s, g, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(9)
        if k == 0:
            return (f"{cap(s)} {v[1]} {o[0]} {r.choice(FR_T_PRES)}.", v[1], v[0], [v[0], v[2]])
        if k == 1:
            return (f"{cap(s)} ne {v[1]} pas {o[1]} {r.choice(FR_T_PRES)}.", None, None, [])
        if k == 2:
            return (f"Est-ce que {s} {v[1]} {o[0]} {r.choice(FR_T_PRES)} ?", v[1], v[0], [v[0], v[4]])
        if k == 3:
            t = r.choice(FR_OBJECTS["thing"])[0]
            return (f"Il y a {t} {r.choice(FR_PLACES)}.", "a", "avoir", ["est", "ont"])
        if k == 4:
            return (f"{cap(s)} est {self.adj(g)} aujourd'hui.", "est", "être", ["es", "sont"])
        if k == 5:
            return (f"{r.choice(FR_PEOPLE[:12])[0]} a {r.randint(6, 15)} ans.", "a", "avoir", ["est", "as"])
        if k == 6:
            return (f"{cap(s)} peut {v[0]} {o[0]} {r.choice(FR_PLACES)}.", "peut", "pouvoir", ["peux", "peuvent"])
        if k == 7:
            return (f"Le samedi, je aime {v[0]} {o[1]} avec mes amis.", None, None, [])
        t = r.choice(FR_OBJECTS["thing"])
        return (f"{cap(t[1])} {'sont' if t[3] else 'est'} {self.adj(t[2], FR_THING_ADJ)}{'s' if t[3] else ''}.",
                None, None, [])

    def s_a2(self):
        r = self.r
        s, g, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(8)
        if k == 0:
            return (f"{cap(s)} a {v[2]} {o[0]} {r.choice(FR_T_PAST)}.", "a " + v[2], v[0], ["a " + v[0], "est " + v[2]])
        if k == 1:
            pp = agree("allé", g, False)
            return (f"{cap(s)} est {pp} {r.choice(FR_GO)} {r.choice(FR_T_PAST)}.", "est " + pp, "aller",
                    ["a " + pp, "va"])
        if k == 2:
            return (f"{cap(s)} va {v[0]} {o[0]} {r.choice(FR_T_FUT)}.", "va " + v[0], v[0], ["va " + v[2], "vais " + v[0]])
        if k == 3:
            return (f"Quand {s} était {'petite' if g == 'f' else 'petit'}, {pro} {v[3]} {o[0]} {r.choice(FR_T_PRES)}.", v[3], v[0],
                    [v[1], v[4]])
        if k == 4:
            a, b, adj, _ = r.choice(FR_COMPARE)
            return (f"{cap(a)} est plus {adj} que {b}.", "plus", None, ["moins que", "très"])
        if k == 5:
            return (f"{cap(s)} n'a pas {v[2]} {o[1]} {r.choice(FR_T_PAST)}.", None, None, [])
        if k == 6:
            pp = agree("rentré", g, False)
            return (f"{cap(s)} est {pp} à la maison parce que {r.choice(FR_REASON)}.", "est " + pp, "rentrer",
                    ["a " + pp, "rentre"])
        return (f"Hier, {s} a {v[2]} {o[0]} {r.choice(FR_PLACES)}.", "a " + v[2], v[0], ["a " + v[0], v[1]])

    def s_b1(self):
        r = self.r
        s, g, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(8)
        if k == 0:
            return (f"Si {s} avait plus de temps, {pro} {v[5]} {o[0]} {r.choice(FR_T_PRES)}.", v[5], v[0],
                    [v[4], v[3]])
        if k == 1:
            return (f"{cap(s)} {v[1]} {o[0]} depuis {r.choice(FR_DURATION)}.", v[1], v[0], [v[2], v[0]])
        if k == 2:
            return (f"Il faut que {s} {v[6]} {o[0]} {r.choice(FR_T_FUT)}.", v[6], v[0], [v[4], v[0]])
        if k == 3:
            return (f"{cap(s)} {v[4]} {o[0]} {r.choice(FR_T_FUT)}.", v[4], v[0], [v[5], v[1]])
        if k == 4:
            pp = agree(v[2], o[2], o[3])
            return (f"{cap(o[1])} que {s} a {pp} {r.choice(FR_T_PAST)} "
                    f"{'étaient' if o[3] else 'était'} {self.adj(o[2], FR_THING_ADJ)}{'s' if o[3] else ''}.",
                    "que", None, ["qui", "dont"])
        if k == 5:
            t = r.choice(FR_OBJECTS["read"])
            return (f"C'est {t[1]} dont je t'ai parlé la semaine dernière.", "dont", None, ["que", "où"])
        if k == 6:
            return (f"{cap(s)} a dit que {pro} {v[3]} {o[0]} {r.choice(FR_T_PRES)}.", v[3], v[0], [v[1], v[4]])
        return (f"Si il fait beau {r.choice(FR_T_FUT)}, {s} {v[4]} {o[0]} {r.choice(FR_PLACES)}.", v[4], v[0],
                [v[5], v[1]])

    def s_b2(self):
        r = self.r
        s, g, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        v2 = self.verb()
        o2 = self.obj(v2)
        k = r.randrange(7)
        if k == 0:
            pp = agree(v[2], o[2], o[3])
            return (f"{cap(o[1])} {'ont' if o[3] else 'a'} été {pp} par {s} {r.choice(FR_T_PAST)}.", "été " + pp,
                    v[0], [pp, "était " + pp])
        if k == 1:
            return (f"Si {s} avait {v[2]} {o[0]} {r.choice(FR_T_PAST)}, {pro} aurait {v2[2]} {o2[0]}.",
                    "avait " + v[2], v[0], ["aurait " + v[2], "a " + v[2]])
        if k == 2:
            return (f"Bien que {s} {v[6]} {o[0]} {r.choice(FR_T_PRES)}, {pro} n'est jamais {self.adj(g)}.",
                    v[6], v[0], [v[1], v[4]])
        if k == 3:
            return (f"{cap(s)} aurait dû {v[0]} {o[1]} {r.choice(FR_T_PAST)}.", "aurait dû", "devoir",
                    ["avait dû", "devrait"])
        if k == 4:
            return (f"{cap(s)} a affirmé que {pro} avait {v[2]} {o[0]} la veille.", "avait " + v[2], v[0],
                    ["a " + v[2], "aura " + v[2]])
        if k == 5:
            pp = agree(v[2], o[2], o[3])
            return (f"{cap(o[1])} {'seront' if o[3] else 'sera'} {pp} {r.choice(FR_T_FUT)}.", pp, v[0],
                    [v[1], v[4]])
        return (f"Après avoir {v[2]} {o[0]}, {s} {v2[3]} {o2[1]} pendant que les autres attendaient.", v2[3],
                v2[0], [v2[1], v2[5]])

    def question_answer(self, level):
        r = self.r
        s, g, pro = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(5)
        if k == 0:
            return (fr_fix(f"Qu'est-ce que {s} fait {r.choice(FR_T_PRES)} ?"),
                    fr_fix(f"{cap(pro)} {v[1]} {o[0]}, je crois."))
        if k == 1:
            return (fr_fix(f"Qu'est-ce que {s} a fait {r.choice(FR_T_PAST)} ?"),
                    fr_fix(f"{cap(pro)} a {v[2]} {o[0]} {r.choice(FR_PLACES)}."))
        if k == 2:
            return (fr_fix(f"Où est {s} ?"), fr_fix(f"{cap(pro)} est {r.choice(FR_PLACES)}."))
        if k == 3:
            return (fr_fix(f"Tu viens {r.choice(FR_GO)} {r.choice(FR_T_FUT)} ?"), r.choice(FR_FIXED))
        return (fr_fix(f"Est-ce que {s} va {v[0]} {o[0]} ?"), fr_fix(f"Oui, {pro} va {v[0]} {o[1]} {r.choice(FR_T_FUT)}."))

    def gloss(self, en, fr):
        return fr, en

    def vocab_example(self, en, fr, g):
        r = self.r
        pl = fr.startswith("les ")
        k = r.randrange(3)
        if k == 0:
            a = self.adj(g, FR_THING_ADJ) + ("s" if pl else "")
            return fr_fix(f"{cap(fr)} {'sont' if pl else 'est'} très {a}.")
        if k == 1:
            return fr_fix(f"Je vois {fr} depuis la fenêtre.")
        return fr_fix(f"Nous avons parlé de {fr} {r.choice(FR_T_PAST)}.").replace("de le ", "du ").replace(
            "de les ", "des ")

    def open_prompt(self):
        return self.r.choice(["Parle-moi de ta famille.", "Qu'est-ce que tu fais le week-end ?",
                              "Décris ta ville en quelques phrases.", "Qu'est-ce que tu as fait l'été dernier ?",
                              "Que ferais-tu si tu avais une journée libre ?", "Décris ton repas préféré.",
                              "Raconte un voyage dont tu te souviens."])


ES_AL_RE = re.compile(r"\b([Aa]) el\b")
ES_DEL_RE = re.compile(r"\b([Dd])e el\b")
ES_Y_RE = re.compile(r"\by (?=[hH]?[iIíÍ](?![aeoáéó]))")


def es_fix(s):
    """Spanish contractions and y → e: a el → al, de el → del, y inglés → e inglés."""
    s = ES_AL_RE.sub(r"\1l", s)
    s = ES_DEL_RE.sub(r"\1el", s)
    return ES_Y_RE.sub("e ", s)


def es_plural(w):
    return w + ("s" if w[-1] in "aeiouáéó" else "es")


def es_agree(pp, g, pl):
    """A participle or adjective in -o (or invariable) agreeing with gender g and plural pl."""
    out = pp[:-1] + "a" if g == "f" and pp.endswith("o") else pp
    return es_plural(out) if pl else out


def es_pron(o):
    return ("la" if o[2] == "f" else "lo") + ("s" if o[3] else "")


class Spanish:
    lang = "es"

    REL_CATS = ("dish", "thing", "sell", "read", "write", "show")

    def __init__(self, rng):
        self.r = rng

    def person(self):
        return self.r.choice(ES_PEOPLE)

    def other(self, s):
        while True:
            p = self.r.choice(ES_PEOPLE)
            if p[0] != s:
                return p

    def verb(self, table=ES_VERBS):
        return self.r.choice(table)

    def obj(self, v):
        return self.r.choice(ES_OBJECTS[v[11]])

    def adj(self, g, table=ES_ADJ):
        a = self.r.choice(table)
        return a[1] if g == "f" else a[0]

    def rel_verb(self):
        return self.verb([v for v in ES_TRANSITIVE if v[11] in self.REL_CATS])

    def place_verb(self):
        return self.verb([v for v in ES_TRANSITIVE if v[11] not in ("room", "place")])

    def sentence(self, level):
        """A sentence of `level` (or sometimes of a lower level); only the sentence is given."""
        return es_fix(pick_frame(self, level)()), None, None, []

    def s_a1(self):
        r = self.r
        s, g = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(9)
        if k == 0:
            return f"{cap(s)} {v[1]} {o[0]} {r.choice(ES_T_PRES)}."
        if k == 1:
            return f"{cap(s)} no {v[1]} {o[0]} {r.choice(ES_T_PRES)}."
        if k == 2:
            j = r.randrange(3)
            if j == 0:
                return f"¿{cap(v[1])} {s} {o[0]} {r.choice(ES_T_PRES)}?"
            if j == 1:
                return f"¿Cuándo {v[1]} {s} {o[0]}?"
            return f"¿Por qué no {v[1]} {s} {o[0]} {r.choice(ES_T_PRES)}?"
        if k == 3:
            t = r.choice(ES_OBJECTS["thing"])[0]
            if r.random() < 0.3:
                return f"¿Hay {t} {r.choice(ES_PLACES)}?"
            return f"Hay {t} {r.choice(ES_PLACES)}."
        if k == 4:
            j = r.randrange(4)
            if j == 0:
                return f"{cap(s)} está muy {self.adj(g)} hoy."
            if j == 1:
                a, b = r.sample(ES_CHAR_ADJ, 2)
                return f"{cap(s)} es muy {a[g == 'f']} y muy {b[g == 'f']}."
            if j == 2:
                return f"¡Qué {self.adj(g)} está {s} hoy!"
            return f"{cap(s)} está {r.choice(ES_PLACES)} ahora."
        if k == 5:
            j = r.randrange(3)
            if j == 0:
                return f"{r.choice(ES_PEOPLE[:12])[0]} tiene {r.randint(6, 15)} años y vive en {r.choice(ES_CITIES)}."
            if j == 1:
                return f"{cap(r.choice(['mi abuela', 'mi abuelo']))} tiene {r.randint(62, 91)} años."
            return f"{cap(s)} tiene {r.choice(ES_OBJECTS['thing'])[0]}."
        if k == 6:
            j = r.randrange(3)
            if j == 0:
                v = self.verb([v for v in ES_VERBS if v[11] != "sell"])
                return f"A {s} le gusta mucho {v[0]} {self.obj(v)[0]}."
            if j == 1:
                t = r.choice(ES_LIKES)
                return f"A {s} le {'gustan' if t[1] else 'gusta'} {t[0]}."
            return f"{r.choice(['Me', 'No me'])} gusta {v[0]} {o[0]} {r.choice(ES_T_PRES)}."
        if k == 7:
            j = r.randrange(3)
            if j == 0:
                v = self.place_verb()
                return f"{cap(s)} puede {v[0]} {self.obj(v)[0]} {r.choice(ES_PLACES)}."
            if j == 1:
                v = self.verb([v for v in ES_VERBS if v[11] in ("room", "broken", "openable", "put", "person")])
                return f"¿Puedes {v[0]} {self.obj(v)[1]}, por favor?"
            return f"{cap(s)} no puede {v[0]} {o[0]} hoy."
        return f"{cap(r.choice(ES_T_PRES))} {v[2]} {o[0]}."

    def s_a2(self):
        r = self.r
        s, g = self.person()
        v = self.verb()
        o = self.obj(v)
        k = r.randrange(9)
        if k == 0:
            if r.random() < 0.3:
                v = self.verb([v for v in ES_VERBS if v[11] not in ("come", "out", "back", "talk", "say")])
                return f"¿Has {v[3]} {self.obj(v)[0]} alguna vez?"
            return f"{cap(s)} ha {v[3]} {o[0]} {r.choice(ES_T_PERF)}."
        if k == 1:
            j = r.randrange(3)
            if j == 0:
                return f"{cap(s)} {v[5]} {o[0]} {r.choice(ES_T_PAST)}."
            if j == 1:
                return f"{cap(r.choice(ES_T_PAST))} {s} no {v[5]} {o[0]}."
            return f"¿Qué hizo {s} {r.choice(ES_T_DAY)} por la mañana?"
        if k == 2:
            if r.random() < 0.5:
                small = "pequeña" if g == "f" else "pequeño"
                v = self.verb([v for v in ES_VERBS if v[11] not in ("work", "sell")])
                return f"Cuando {s} era {small}, {v[6]} {self.obj(v)[0]} {r.choice(ES_T_PRES)}."
            return f"Antes {s} {v[6]} {o[0]} {r.choice(ES_T_PRES)}, pero ahora no."
        if k == 3:
            j = r.randrange(3)
            if j == 0:
                return f"{cap(s)} va a {v[0]} {o[0]} {r.choice(ES_T_FUT)}."
            if j == 1:
                return f"¿Vas a {v[0]} {o[0]} {r.choice(ES_T_FUT)}?"
            return f"{cap(r.choice(ES_T_FUT))} voy a {v[0]} {o[0]} con mi familia."
        if k == 4:
            v = self.verb(ES_DURATIVE)
            o = self.obj(v)
            if r.random() < 0.5:
                return f"{cap(s)} está {v[4]} {o[0]} ahora mismo."
            return f"En este momento {s} está {v[4]} {o[0]}."
        if k == 5:
            a, b, adj, cop, irr = r.choice(ES_COMPARE)
            if irr:
                return f"{cap(a)} {cop} {adj} que {b}."
            j = r.randrange(3)
            if j == 2:
                return f"{cap(a)} {cop} tan {adj} como {b}."
            return f"{cap(a)} {cop} {'más' if j == 0 else 'menos'} {adj} que {b}."
        if k == 6:
            x = r.choice(ES_REFLEXIVE)
            c = r.choice(x[5])
            j = r.randrange(4)
            if j == 0:
                return f"{cap(s)} se {x[1]} {c} {r.choice(ES_T_PRES)}."
            if j == 1:
                return f"{cap(r.choice(ES_T_PRES))} me {x[2]} {c}."
            if j == 2:
                return f"{cap(r.choice(ES_T_DAY))} {s} se {x[4]} {c}."
            return f"{cap(r.choice(ES_T_PERF))} {s} se ha {x[3]} {c}."
        if k == 7:
            if r.random() < 0.5:
                return f"{cap(s)} acaba de {v[0]} {o[0]} y ahora está {self.adj(g)}."
            return f"Mis amigos y yo acabamos de {v[0]} {o[0]}."
        if r.random() < 0.3:
            v = self.verb([v for v in ES_VERBS if v[11] in ("room", "broken", "openable", "task", "dish", "read")])
            return f"¡Por fin {s} ha {v[3]} {self.obj(v)[1]}!"
        return f"{cap(s)} no {v[5]} {o[0]} porque {r.choice(ES_REASON)}."

    def s_b1(self):
        r = self.r
        s, g = self.person()
        v = self.verb()
        o = self.obj(v)
        v2 = self.verb()
        o2 = self.obj(v2)
        k = r.randrange(9)
        if k == 0:
            j = r.randrange(3)
            if j == 0:
                return f"Si {s} tuviera más tiempo, {v[8]} {o[0]} más a menudo."
            if j == 1:
                return f"Si tuviera más tiempo libre, {v[8]} {o[0]} {r.choice(ES_T_PRES)}."
            return f"¿Qué harías si {s} te pidiera que {v[10]}s {o[0]}?"
        if k == 1:
            main = r.choice(["Quiero que", "Espero que", "Todos queremos que", "Ojalá"])
            return f"{main} {s} {v[9]} {o[0]} {r.choice(ES_T_FUT)}."
        if k == 2:
            main = r.choice(["Es importante que", "Es mejor que", "Es necesario que", "No creo que"])
            return f"{main} {s} {v[9]} {o[0]} {r.choice(ES_T_PRES)}."
        if k == 3:
            if r.random() < 0.5:
                return f"Cuando {s} {v[9]} {o[0]}, {v2[7]} {o2[0]}."
            return f"Te llamaré cuando {s} {v[9]} {o[0]}."
        if k == 4:
            j = r.randrange(4)
            if j == 0:
                v = self.rel_verb()
                o = self.obj(v)
                was = "eran" if o[3] else "era"
                return (f"{cap(o[1])} que {s} {v[5]} {r.choice(ES_T_PAST)} {was} muy "
                        f"{es_agree(r.choice(ES_THING_ADJ[v[11]])[o[2] == 'f'], None, o[3])}.")
            if j == 1:
                return f"{r.choice(ES_CITIES)} es la ciudad donde {r.choice(['nació', 'vive', 'trabaja'])} {s}."
            if j == 2:
                return f"Lo que más le gusta a {s} es {v[0]} {o[0]}."
            return f"{r.choice(ES_PEOPLE[:12])[0]} nunca hace lo que le dicen sus padres."
        if k == 5:
            say = r.choice(["dijo", "me contó", "nos explicó"])
            if r.random() < 0.6:
                return f"{cap(s)} {say} que {v[6]} {o[0]} {r.choice(ES_T_PRES)}."
            return f"{cap(s)} {say} que {v[8]} {o[0]} {r.choice(['al día siguiente', 'la semana siguiente'])}."
        if k == 6:
            j = r.randrange(3)
            if j == 0:
                return f"{cap(s)} {v[7]} {o[0]} {r.choice(ES_T_FUT)}."
            if j == 1:
                return f"Creo que {s} {v[7]} {o[0]} {r.choice(ES_T_FUT)}."
            return f"¿{cap(v[7])} {s} {o[0]} {r.choice(ES_T_FUT)}?"
        if k == 7:
            o = r.choice(ES_OBJECTS[r.choice(["thing", "read"])])
            p = es_pron(o)
            lend = r.choice(ES_LEND)
            j = r.randrange(4)
            if j == 0:
                return f"Cuando {s} necesitó {o[1]}, {self.other(s)[0]} se {p} {lend[0]}."
            if j == 1:
                return f"Si necesitas {o[1]}, te {p} {lend[1]} {r.choice(ES_T_FUT)}."
            if j == 2:
                return f"{cap(s)} quería {o[1]}, así que se {p} {lend[2]} {r.choice(ES_T_PAST)}."
            return f"{cap(o[1])} me {p} {lend[0]} {s} {r.choice(ES_T_PAST)}."
        v = self.verb([v for v in ES_VERBS if v[11] in ES_LONG])
        return f"{cap(s)} {v[1]} {self.obj(v)[0]} desde hace {r.choice(ES_DURATION)}."

    def s_b2(self):
        r = self.r
        s, g = self.person()
        v = self.verb()
        o = self.obj(v)
        v2 = self.verb()
        o2 = self.obj(v2)
        k = r.randrange(9)
        if k == 0:
            v = self.verb(ES_PASSIVE)
            o = self.obj(v)
            pp = es_agree(v[3], o[2], o[3])
            j = r.randrange(3)
            if j == 0:
                return f"{cap(o[1])} {'fueron' if o[3] else 'fue'} {pp} por {s} {r.choice(ES_T_PAST)}."
            if j == 1:
                return f"{cap(o[1])} {'serán' if o[3] else 'será'} {pp} {r.choice(ES_T_FUT)}."
            return f"{cap(o[1])} ya {'han' if o[3] else 'ha'} sido {pp} por {s}."
        if k == 1:
            if r.random() < 0.5:
                return f"Cuando llegamos, {s} ya había {v[3]} {o[0]}."
            return f"{cap(s)} aseguró que había {v[3]} {o[0]} el día anterior."
        if k == 2:
            j = r.randrange(3)
            if j == 0:
                return f"Si {s} hubiera {v[3]} {o[0]} {r.choice(ES_T_PAST)}, {r.choice(ES_THEN)}."
            if j == 1:
                calm = "tranquila" if g == "f" else "tranquilo"
                return f"Si {s} hubiera {v[3]} {o[0]} antes, habría estado más {calm}."
            return f"Si hubiera sabido que {r.choice(ES_REASON)}, no habría {v[3]} {o[0]}."
        if k == 3:
            j = r.randrange(3)
            if j == 0:
                return f"Aunque llueva {r.choice(ES_T_FUT)}, {s} {v[7]} {o[0]}."
            if j == 1:
                return f"Aunque no te guste, tienes que {v[0]} {o[0]} {r.choice(ES_T_PRES)}."
            return f"Aunque sea difícil, {s} quiere {v[0]} {o[0]} {r.choice(ES_T_FUT)}."
        if k == 4:
            j = r.randrange(3)
            if j == 0:
                when = r.choice(["lo antes posible", "al día siguiente", "antes del lunes", "esa misma tarde"])
                return f"{cap(s)} me pidió que {v[10]} {o[0]} {when}."
            if j == 1:
                who = r.choice(["Sus padres querían", "El director quería", "Todos queríamos"])
                return f"{who} que {s} {v[10]} {o[0]} {r.choice(ES_T_PRES)}."
            return f"Nos sorprendió que {s} no {v[10]} {o[0]} {r.choice(ES_T_PAST)}."
        if k == 5:
            cats = ES_LONG + ("read", "write", "show", "task", "room", "broken")
            v = self.verb([v for v in ES_VERBS if v[11] in cats])
            return f"{cap(s)} lleva {r.choice(ES_DURATION)} {v[4]} {self.obj(v)[0]}."
        if k == 6:
            if r.random() < 0.5:
                return f"Se dice que {s} {v[5]} {o[0]} {r.choice(ES_T_PAST)}."
            v = self.verb([v for v in ES_VERBS if v[11] in ("food", "drink", "game", "talk", "show")])
            where = r.choice(["En la biblioteca", "En el hospital", "Durante el examen", "En clase", "En el museo"])
            return f"{where} no se puede {v[0]} {self.obj(v)[0]}."
        if k == 7:
            if r.random() < 0.5:
                return f"Al {v[0]} {o[0]}, {s} se dio cuenta de que {r.choice(ES_NOTICE)}."
            return f"Después de {v[0]} {o[0]}, {s} {v2[5]} {o2[0]}."
        return f"{cap(s)} debería haber {v[3]} {o[0]} {r.choice(ES_T_PAST)}."


# ---------------------------------------------------------------------------------------
# Items and lessons, as ordered lists of (key, value, style) so that YAML and JSON come out
# of the same structure. style: None (plain or quoted as needed), "block" (`|`), "folded"
# (`>`), "flow" (a list on one line when possible).
# ---------------------------------------------------------------------------------------


def wrap(text, width):
    out, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        out.append(line)
    return out


class Maker:
    def __init__(self, lang_gen, rng):
        self.g = lang_gen
        self.r = rng
        self.instr = INSTR[lang_gen.lang]

    def instruction(self, kind):
        return self.r.choice(self.instr[kind])

    def item(self, kind, iid, level):
        return getattr(self, "i_" + kind)(iid, level)

    def i_text(self, iid, level):
        r = self.r
        sents = [self.g.sentence(level)[0] for _ in range(r.randint(5, 14))]
        if r.random() < 0.5:
            lines = sents
        else:
            lines = wrap(" ".join(sents), r.choice([60, 70, 78]))
        return [("id", iid, None), ("kind", "text", None), ("instruction", self.instruction("text"), None),
                ("text", "\n".join(lines) + "\n", "block")]

    def _with_blank(self, level):
        """A sentence with exactly one occurrence of its blank (as whole words), the blank
        replaced by `___`."""
        while True:
            s, blank, hint, dis = self.g.sentence(level)
            if not blank:
                continue
            pat = re.compile(r"(?<!\w)" + re.escape(blank) + r"(?!\w)")
            if len(pat.findall(s)) == 1:
                return pat.sub("___", s), blank, hint, dis

    def i_multiple_choice(self, iid, level):
        r = self.r
        s, blank, hint, dis = self._with_blank(level)
        options = [blank] + [d for d in dis if d != blank]
        seen = []
        for o in options:
            if o not in seen:
                seen.append(o)
        options = seen
        r.shuffle(options)
        out = [("id", iid, None), ("kind", "multiple_choice", None),
               ("instruction", self.instruction("multiple_choice"), None),
               ("prompt", s, None), ("options", options, "flow"),
               ("answer", blank, None)]
        if r.random() < 0.6:
            fb = self.instruction("feedback")
            if r.random() < 0.3:
                fb = fb + " " + self.instruction("feedback") + " " + self.instruction("feedback")
                out.append(("feedback", "\n".join(wrap(fb, 60)) + "\n", "folded"))
            else:
                out.append(("feedback", fb, None))
        return out

    def i_gap_fill(self, iid, level):
        r = self.r
        parts, answers = [], []
        for _ in range(r.randint(1, 4)):
            s, blank, hint, dis = self._with_blank(level)
            gap = "___" + (f" ({hint})" if hint and r.random() < 0.7 else "")
            parts.append(s.replace("___", gap, 1))
            if "n't" in blank and r.random() < 0.5:
                full = blank.replace("doesn't", "does not").replace("didn't", "did not").replace("isn't", "is not")
                answers.append([blank, full])
            else:
                answers.append(blank)
        style = "block" if len(parts) > 1 else None
        text = ("\n".join(parts) + "\n") if style else parts[0]
        return [("id", iid, None), ("kind", "gap_fill", None), ("instruction", self.instruction("gap_fill"), None),
                ("text", text, style), ("answers", answers, "flow")]

    def i_vocabulary(self, iid, level):
        en, fr, g = self.r.choice(VOCAB)
        term, tr = self.g.gloss(en, fr)
        return [("id", iid, None), ("kind", "vocabulary", None), ("term", term, None), ("translation", tr, None),
                ("example", self.g.vocab_example(en, fr, g), None)]

    def i_matching(self, iid, level):
        pairs = self.r.sample(VOCAB, self.r.randint(4, 7))
        return [("id", iid, None), ("kind", "matching", None), ("instruction", self.instruction("matching"), None),
                ("pairs", [list(self.g.gloss(en, fr)) for en, fr, _ in pairs], "pairs")]

    def i_dialogue(self, iid, level):
        r = self.r
        lines = []
        if r.random() < 0.5:
            lines.append("— " + r.choice(EN_FIXED if self.g.lang == "en" else FR_FIXED))
        for _ in range(r.randint(2, 4)):
            q, a = self.g.question_answer(level)
            lines += ["— " + q, "— " + a]
        return [("id", iid, None), ("kind", "dialogue", None), ("instruction", self.instruction("dialogue"), None),
                ("lines", lines, "block-list")]

    def i_ordering(self, iid, level):
        s = self.g.sentence("A1")[0]
        words = s.rstrip(".?! ").split(" ")
        return [("id", iid, None), ("kind", "ordering", None), ("instruction", self.instruction("ordering"), None),
                ("options", words, "flow")]

    def i_open(self, iid, level):
        return [("id", iid, None), ("kind", "open", None), ("instruction", self.instruction("open"), None),
                ("prompt", self.g.open_prompt(), None)]


KINDS = [("text", 3), ("multiple_choice", 4), ("gap_fill", 4), ("vocabulary", 3), ("matching", 2),
         ("dialogue", 2), ("ordering", 1), ("open", 1)]
KIND_BAG = [k for k, n in KINDS for _ in range(n)]
PREFIX = {"text": "t", "multiple_choice": "q", "gap_fill": "g", "vocabulary": "v", "matching": "m",
          "dialogue": "d", "ordering": "o", "open": "p"}

# ---------------------------------------------------------------------------------------
# YAML and JSON output.
# ---------------------------------------------------------------------------------------

PLAIN_RE = re.compile(r"^[A-Za-zÀ-ÿŒœ0-9«—][^:#\"\[\]{},&*!|>%@`\n]*$")
RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def q(s, flow=False):
    """A YAML scalar: plain when safe, else double-quoted."""
    if (PLAIN_RE.match(s) and not s.endswith(" ") and s.lower() not in RESERVED
            and not re.match(r"^[0-9.+-]+$", s) and not (flow and "," in s)):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_item(fields, ind):
    out = []
    first = True
    for key, val, style in fields:
        lead = ind + ("- " if first else "  ")
        first = False
        kind_ind = ind + "  "
        if style in ("block", "folded"):
            out.append(f"{lead}{key}: {'|' if style == 'block' else '>'}")
            for line in val.rstrip("\n").split("\n"):
                out.append(f"{kind_ind}  {line}" if line else "")
        elif style == "flow":
            elems = []
            for v in val:
                if isinstance(v, list):
                    elems.append("[" + ", ".join(q(x, True) for x in v) + "]")
                else:
                    elems.append(q(v, True))
            out.append(f"{lead}{key}: [{', '.join(elems)}]")
        elif style == "pairs":
            out.append(f"{lead}{key}:")
            for a, b in val:
                out.append(f"{kind_ind}  - [{q(a, True)}, {q(b, True)}]")
        elif style == "block-list":
            out.append(f"{lead}{key}:")
            for v in val:
                out.append(f"{kind_ind}  - {q(v)}")
        else:
            out.append(f"{lead}{key}: {q(val)}")
    return out


def yaml_lesson(lesson):
    out = [f"  - id: {lesson['id']}", f"    title: {q(lesson['title'])}"]
    if lesson.get("level"):
        out.append(f"    level: {lesson['level']}")
    out.append("    items:")
    for it in lesson["items"]:
        out += yaml_item(it, "      ")
    return "\n".join(out) + "\n"


def json_lesson(lesson):
    d = {"id": lesson["id"], "title": lesson["title"]}
    if lesson.get("level"):
        d["level"] = lesson["level"]
    d["items"] = [{k: v for k, v, _ in it} for it in lesson["items"]]
    return d


def item_size(item, fmt):
    """Bytes that an item adds to a file (close estimate for JSON)."""
    if fmt == "yaml":
        return len("\n".join(yaml_item(item, "      ")).encode("utf-8")) + 1
    text = json.dumps({k: v for k, v, _ in item}, indent=2, ensure_ascii=False)
    return len(text.encode("utf-8")) + 8 * (text.count("\n") + 1) + 2


def make_file(rng, lang, level, fmt, target, seed, index):
    gen = (English if lang == "en" else French)(rng)
    maker = Maker(gen, rng)
    support = "fr" if lang == "en" else "en"
    topics = EN_TOPICS if lang == "en" else FR_TOPICS
    lessons = []
    size = 200
    n = 0
    while size < target:
        n += 1
        lesson_level = None
        if rng.random() < 0.1:
            lesson_level = LEVELS[max(0, LEVELS.index(level) - rng.randint(0, 1))]
        eff = lesson_level or level
        counts = {}
        items = []
        lesson = {"id": f"{lang}-{level.lower()}-{index:05d}-{n}", "title": f"{rng.choice(topics)} ({n})",
                  "level": lesson_level, "items": items}
        lessons.append(lesson)
        size += 100
        for _ in range(rng.randint(8, 25)):
            kind = rng.choice(KIND_BAG)
            counts[kind] = counts.get(kind, 0) + 1
            item = maker.item(kind, f"{PREFIX[kind]}{counts[kind]}", eff)
            items.append(item)
            # Stop within one item of the target size, even in the middle of a lesson.
            size += item_size(item, fmt)
            if size >= target:
                break
    if fmt == "yaml":
        head = (f"# Synthetic lesson file generated by bench/gen_corpus.py (seed {seed}), for benchmarks.\n"
                f"language: {lang}\nsupport_language: {support}\nlevel: {level}\nlessons:\n")
        return head + "".join(yaml_lesson(ls) for ls in lessons)
    doc = {"language": lang, "support_language": support, "level": level,
           "lessons": [json_lesson(ls) for ls in lessons]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_sentences(args):
    rng = random.Random(args.seed)
    gen = {"en": English, "fr": French, "es": Spanish}[args.sentences](rng)
    target = int(args.size_mb * MIB)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, f"sentences-{args.sentences}.txt")
    size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while size < target:
            s = gen.sentence(rng.choice(LEVELS))[0] + "\n"
            f.write(s)
            size += len(s.encode("utf-8"))
    print(f"wrote {path}: {size} bytes", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("size_mb", type=float, help="total size in MiB")
    p.add_argument("out_dir")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--min-kb", type=float, default=20)
    p.add_argument("--max-kb", type=float, default=60)
    p.add_argument("--yaml-only", action="store_true")
    p.add_argument("--lang", choices=["en", "fr"])
    p.add_argument("--sentences", choices=["en", "fr", "es"])
    args = p.parse_args()
    if args.sentences:
        write_sentences(args)
        return
    rng = random.Random(args.seed)
    target = int(args.size_mb * MIB)
    total = 0
    files = 0
    index = 0
    while total < target:
        lang = args.lang or rng.choice(["en", "fr"])
        level = rng.choice(LEVELS)
        unit = rng.randint(1, 24)
        fmt = "yaml" if args.yaml_only or rng.random() < 0.85 else "json"
        lo, hi = args.min_kb * 1024, args.max_kb * 1024
        want = min(rng.uniform(lo, hi), target - total + 2048)
        text = make_file(rng, lang, level, fmt, want, args.seed, index)
        folder = os.path.join(args.out_dir, lang, level.lower(), f"unit-{unit:02d}")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"lesson-{index:05d}.{fmt}")
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        files += 1
        index += 1
    print(f"wrote {files} files, {total} bytes ({total / MIB:.2f} MiB) under {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()

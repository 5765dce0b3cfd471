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
  --sentences LANG          instead of lessons, write OUT_DIR/sentences-LANG.txt: one
                            generated sentence per line, SIZE_MB MiB in all
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
        r = self.r
        i = LEVELS.index(level)
        lv = LEVELS[i] if r.random() < 0.6 else LEVELS[r.randint(0, i)]
        return getattr(self, "s_" + lv.lower())()

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
        r = self.r
        i = LEVELS.index(level)
        lv = LEVELS[i] if r.random() < 0.6 else LEVELS[r.randint(0, i)]
        s, blank, hint, dis = getattr(self, "s_" + lv.lower())()
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
    gen = (English if args.sentences == "en" else French)(rng)
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
    p.add_argument("--sentences", choices=["en", "fr"])
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

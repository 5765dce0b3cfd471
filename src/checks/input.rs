//! `input/*`: files that cannot be read, parsed or understood. These rules are reported by
//! the loaders (`src/load/`); a file with one of them makes the exit code 2.

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file is not well-formed YAML or JSON: an unclosed quote, a tab used for
    /// indentation, a key repeated in the same mapping, a missing bracket. In a subtitle
    /// file (WebVTT, SRT): no `WEBVTT` first line, a timing line that is not
    /// `00:00:01.000 --> 00:00:04.000` (`00:00:01,000` in SRT), text outside any cue, a
    /// WebVTT tag never closed with `>`. The other cues of a subtitle file are still read.
    /// In a CSV or TSV word list: a row with more or fewer fields than the header (the other
    /// rows are still read), a quote never closed.
    ///
    /// ## Why it matters
    /// Nothing in a file that cannot be parsed can be checked, and the platform that imports
    /// it will usually refuse it or, worse, import half of it.
    ///
    /// ## Example
    /// ```yaml
    /// prompt: "Where is the station?
    /// options: [here, there]
    /// ```
    /// The quote opened on the first line is never closed.
    ///
    /// ## How to silence it
    /// It cannot be silenced: fix the file at the line and column shown. The other files of
    /// the run are still checked; the exit code is 2.
    pub static PARSE_ERROR = {
        code: "input/parse-error",
        severity: Error,
        summary: ("The file cannot be parsed: it is not well-formed in its format (YAML, JSON, XML, GIFT, WebVTT, SRT, CSV…).", "Le fichier ne peut pas être analysé : il n'est pas bien formé dans son format (YAML, JSON, XML, GIFT, WebVTT, SRT, CSV…)."),
        fr: "## Ce que la règle vérifie
Le fichier n'est pas du YAML ou du JSON bien formé : guillemet non fermé, tabulation utilisée
pour l'indentation, clé répétée dans un même dictionnaire, crochet manquant. Dans un fichier
de sous-titres (WebVTT, SRT) : pas de première ligne `WEBVTT`, une ligne de temps qui n'est
pas de la forme `00:00:01.000 --> 00:00:04.000` (`00:00:01,000` en SRT), du texte hors de
tout sous-titre, une balise WebVTT jamais fermée par `>`. Les autres sous-titres du fichier
sont tout de même lus. Dans une liste de mots CSV ou TSV : une ligne qui a plus ou moins de
champs que l'en-tête (les autres lignes sont tout de même lues), un guillemet jamais fermé.

## Pourquoi
Rien ne peut être vérifié dans un fichier illisible, et la plateforme qui l'importe le
refusera, ou pire, n'en importera qu'une partie.

## Exemple
```yaml
prompt: \"Where is the station?
options: [here, there]
```
Le guillemet ouvert à la première ligne n'est jamais fermé.

## Comment la désactiver
Impossible : corrigez le fichier à la ligne et à la colonne indiquées. Les autres fichiers
sont tout de même vérifiés ; le code de sortie vaut 2.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// The file cannot be read at all: reading it failed (permissions, a disk error, a file
    /// that disappeared), or it is not text (it holds NUL bytes, 0x00, and is neither UTF-16
    /// nor UTF-32: an image or an archive given a lesson's extension). A text file in another
    /// encoding is decoded instead (`encoding/not-utf8`), and bytes that cannot be decoded are
    /// `encoding/invalid`.
    ///
    /// ## Why it matters
    /// Nothing in the file can be checked, and the platform that imports it will fail too.
    ///
    /// ## Example
    /// `unit3.yaml` is in fact a PNG image saved under the wrong name.
    ///
    /// ## How to silence it
    /// It cannot be silenced: fix the permissions, or give the right file. The exit code is 2.
    pub static UNREADABLE = {
        code: "input/unreadable",
        severity: Error,
        summary: ("The file cannot be read, or is not text.", "Le fichier ne peut pas être lu, ou n'est pas du texte."),
        fr: "## Ce que la règle vérifie
Le fichier ne peut pas être lu du tout : sa lecture a échoué (droits d'accès, erreur de
disque, fichier disparu), ou ce n'est pas du texte (il contient des octets nuls et n'est ni
en UTF-16 ni en UTF-32 : une image ou une archive portant l'extension d'une leçon). Un
fichier texte dans un autre encodage est décodé à la place (`encoding/not-utf8`), et les
octets qui ne se décodent pas relèvent d'`encoding/invalid`.

## Pourquoi
Rien ne peut être vérifié dans ce fichier, et la plateforme qui l'importe échouera aussi.

## Exemple
`unite3.yaml` est en fait une image PNG enregistrée sous le mauvais nom.

## Comment la désactiver
Impossible : corrigez les droits d'accès, ou donnez le bon fichier. Le code de sortie vaut 2.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// The file parses, but its structure is not that of a lesson file: `items` is not a
    /// list, an option is a mapping instead of a text, a pair has three sides, or the
    /// file named on the command line has neither `lessons` nor `items`. In a subtitle
    /// file: a cue with no text, or an SRT file with no cue at all.
    ///
    /// ## Why it matters
    /// The part with the wrong shape is not checked at all, so its errors would go unseen.
    ///
    /// ## Example
    /// ```yaml
    /// items:
    ///   id: q1        # `items` must be a list: `- id: q1`
    /// ```
    ///
    /// ## How to silence it
    /// It cannot be silenced: fix the structure (see `docs/native-format.md`). The exit
    /// code is 2.
    pub static INVALID_STRUCTURE = {
        code: "input/invalid-structure",
        severity: Error,
        summary: ("The file parses but does not have the structure of a lesson file.", "Le fichier se lit mais n'a pas la structure d'un fichier de leçon."),
        fr: "## Ce que la règle vérifie
Le fichier se lit, mais sa structure n'est pas celle d'un fichier de leçon : `items` n'est
pas une liste, une option est un dictionnaire au lieu d'un texte, une paire a trois côtés, ou
le fichier nommé sur la ligne de commande n'a ni `lessons` ni `items`. Dans un fichier de
sous-titres : un sous-titre sans texte, ou un fichier SRT sans aucun sous-titre.

## Pourquoi
La partie mal formée n'est pas vérifiée du tout : ses erreurs passeraient inaperçues.

## Exemple
```yaml
items:
  id: q1        # `items` doit être une liste : `- id: q1`
```

## Comment la désactiver
Impossible : corrigez la structure (voir `docs/native-format.md`). Le code de sortie vaut 2.
",
    }
}

declare_rule! {
    /// ## What it checks
    /// An archive (`.zip`, `.h5p`, a SCORM or QTI package) holds something cefrlint refuses
    /// to read: a member whose name is absolute (`/etc/passwd`), has a drive letter
    /// (`C:\x`) or climbs out of the folder with `..` (`../evil`); a member that inflates
    /// to more than 32 MiB, or to more than 200 times its compressed size (a zip bomb); an
    /// archive that inflates to more than 512 MiB in all; more than 10,000 entries (only the
    /// first 10,000 are read; an archive declaring more than 100,000 is not opened at all);
    /// archives nested more than 3 deep. The member is not read; the other members still are.
    ///
    /// ## Why it matters
    /// Such members are how archives attack the tools that unpack them: writing files
    /// outside the target folder, or filling the disk and the memory. A platform that
    /// imports the package may refuse it, or be harmed by it.
    ///
    /// ## Example
    /// `course.zip` holds a member named `../../home/user/.bashrc` next to its lessons.
    ///
    /// ## How to silence it
    /// It cannot be silenced: rebuild the archive from the lesson folder with a usual tool
    /// (`zip -r course.zip course/`). The exit code is 2.
    pub static UNSAFE_ARCHIVE = {
        code: "input/unsafe-archive",
        severity: Error,
        summary: ("The archive holds a member cefrlint refuses to read (unsafe name, zip bomb, too many entries, too deep).", "L'archive contient un membre que cefrlint refuse de lire (nom dangereux, bombe zip, trop d'entrées, trop d'imbrication)."),
        fr: "## Ce que la règle vérifie
Une archive (`.zip`, `.h5p`, un paquet SCORM ou QTI) contient quelque chose que cefrlint
refuse de lire : un membre dont le nom est absolu (`/etc/passwd`), porte une lettre de
lecteur (`C:\\x`) ou sort du dossier avec `..` (`../evil`) ; un membre qui se décompresse
en plus de 32 Mio, ou en plus de 200 fois sa taille compressée (une bombe zip) ; une
archive qui se décompresse en plus de 512 Mio au total ; plus de 10 000 entrées (seules
les 10 000 premières sont lues ; une archive qui en déclare plus de 100 000 n'est pas
ouverte du tout) ; des archives imbriquées sur plus de 3 niveaux. Le membre n'est pas lu ; les autres le sont.

## Pourquoi
C'est ainsi que les archives attaquent les outils qui les décompressent : écrire des
fichiers hors du dossier cible, remplir le disque et la mémoire. Une plateforme qui importe
le paquet peut le refuser, ou en souffrir.

## Exemple
`cours.zip` contient un membre nommé `../../home/user/.bashrc` à côté de ses leçons.

## Comment la désactiver
Impossible : refaites l'archive à partir du dossier des leçons avec un outil courant
(`zip -r cours.zip cours/`). Le code de sortie vaut 2.
",
    }
}

"""``ThemeModel``: one estimator for the three ways to theme answers.

>>> model = ThemeModel(mode="guided", codebook="15-1", random_state=0).fit(texts)  # doctest: +SKIP
>>> model.themes_[0].label, model.assignments_[0].theme                            # doctest: +SKIP
"""

from __future__ import annotations

import sys
import time

from sklearn.base import BaseEstimator, clone
from sklearn.utils.validation import check_is_fitted as _check_is_fitted
from threadpoolctl import threadpool_limits

import numpy as np
from sklearn.preprocessing import normalize

from . import background, modes, semantic
from .assemble import build_assignments, build_themes, empty_assignments, word_centres
from .codebook import Codebook, load_codebook
from .duplicates import duplicate_groups
from .exceptions import EmptyInputError, InvalidParameterError, NotFittedError, UnknownThemeError
from .features import TextFeatures
from .inputs import as_texts, content_rows
from .nonanswers import is_nonanswer
from .normalise import Normaliser, SurfaceForms, phrasing
from .results import Assignment, Theme

__all__ = ["MODES", "ThemeModel"]

#: The three ways to theme.
MODES = ("discover", "guided", "coding")


class ThemeModel(BaseEstimator):
    """Find themes in free-text answers: discover, guided by a codebook, or learn from coding.

    Parameters
    ----------
    mode : {"discover", "guided", "coding"}, default="discover"
        ``discover`` needs nothing; ``guided`` needs ``codebook``; ``coding`` needs hand-coded
        answers passed to :meth:`fit` (and uses ``codebook`` too when given).
    codebook : None, str, Path, dict, list or Codebook, default=None
        Themes planners know: a built-in name (``"15-1"``, ``"workshop"``), a YAML path, or data.
    n_themes : "auto" or int, default="auto"
        Number of themes in discover mode ("auto": chosen by stability).
    min_themes : int, default=6
        Fewest themes discover mode considers with ``n_themes="auto"`` (lowered for small
        inputs). Fewer themes always look more stable, so the range needs a floor; with
        fewer than six, unrelated topics end up sharing a theme.
    max_themes : int, default=15
        Most themes discover mode considers.
    min_theme_size : "auto" or int, default="auto"
        Smallest theme; "auto" is 1% of the answers, at least 3.
    secondary_threshold : float, default=0.3
        Other themes whose score reaches this are reported as secondary.
    other_threshold : float, default=0.5
        Guided mode: answers that name no keyword and whose best evidence (standard
        deviations above the theme's average answer) is below this go to "Annet".
    discover_new : bool, default=True
        Guided mode: look for new, stable themes inside "Annet".
    new_theme_stability : float, default=0.7
        Stability (1 - PAC, see ``analysis.discover``) a split of "Annet" must reach.
    n_resamples : int, default=20
        Clustering runs used for stability and consensus.
    extra_stopwords : tuple of str, default=()
        Words to ignore on top of the built-in list (for example the question's own words).
    background : bool, default=True
        With a codebook (guided and coding modes): weigh words and measure the typical answer
        on the batch plus a fixed background of answers (:mod:`analysis.background`), and let
        themes learn from its answers (coded, for themes with the built-in codebook's keys).
    semantic : "auto" or bool, default="auto"
        Compare answers and themes by meaning too (sentence embeddings, see
        :mod:`analysis.semantic`), not only by shared words. "auto" uses them when the
        bundled model is installed; vectors passed to :meth:`fit` are used as they are.
    random_state : int, RandomState instance or None, default=0
        Seed; the same answers and seed give identical results.
    verbose : int, default=0
        1 prints progress to stderr.

    Attributes
    ----------
    themes_ : list of Theme
        Themes, largest first, "annet" last.
    assignments_ : list of Assignment
        One per answer, in input order.
    uncertain_ : list of int
        Answers to review first (least certain first, one per near-duplicate group).
    n_answers_ : int
    n_nonanswers_ : int
    stability_ : dict of int to float
        Discover mode: stability of each number of themes tried.
    codebook_ : Codebook or None
    """

    def __init__(
        self,
        mode="discover",
        codebook=None,
        n_themes="auto",
        min_themes=6,
        max_themes=15,
        min_theme_size="auto",
        secondary_threshold=0.3,
        other_threshold=0.5,
        discover_new=True,
        new_theme_stability=0.7,
        n_resamples=20,
        extra_stopwords=(),
        background=True,
        semantic="auto",
        random_state=0,
        verbose=0,
    ) -> None:
        self.mode = mode
        self.codebook = codebook
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.min_theme_size = min_theme_size
        self.secondary_threshold = secondary_threshold
        self.other_threshold = other_threshold
        self.discover_new = discover_new
        self.new_theme_stability = new_theme_stability
        self.n_resamples = n_resamples
        self.extra_stopwords = extra_stopwords
        self.background = background
        self.semantic = semantic
        self.random_state = random_state
        self.verbose = verbose

    # ------------------------------------------------------------------ fitting
    def fit(self, texts, coded=None, vectors=None) -> "ThemeModel":
        """Theme ``texts`` (list of str or Series); ``coded`` is the planner's coding, if any.

        Parameters
        ----------
        texts : list of str or pandas Series
        coded : None, dict {index: key} or sequence with one key (or None) per answer
            Required in coding mode; ignored in the other modes.
        vectors : None or array of shape (n_answers, 384)
            Sentence vectors of the answers made by :func:`analysis.semantic.embed_answers`
            (the app stores them when an answer arrives); computed here when None and
            ``semantic`` allows it.

        Returns
        -------
        self
        """
        self._validate()
        texts = as_texts(texts)
        if not texts:
            raise EmptyInputError("There are no answers to analyse.")
        # Single-threaded BLAS/OpenMP: on a small shared server, competing threads made the
        # many small matrix products up to 15x slower.
        with threadpool_limits(limits=1):
            return self._fit(texts, coded, vectors)

    def _fit(self, texts: list[str], coded, vectors) -> "ThemeModel":
        t0 = time.perf_counter()
        self._log(f"Leser {len(texts)} svar ...")
        self.codebook_: Codebook | None = load_codebook(self.codebook)
        self._normaliser = Normaliser(extra_stopwords=tuple(self.extra_stopwords))
        docs = self._tokens(texts)
        nonanswer = [is_nonanswer(t) for t in texts]
        rows = content_rows(docs, nonanswer)
        groups = duplicate_groups(docs, rows.tolist())
        self.forms_ = SurfaceForms()
        for i in rows:
            self.forms_.update(docs[i])
        self.n_answers_, self.n_nonanswers_ = len(texts), int(sum(nonanswer))
        self.stability_: dict[int, float] = {}
        self.uncertain_: list[int] = []
        if len(rows) == 0:
            return self._fit_nothing(nonanswer, groups, coded)
        theme_texts = [t.text for t in self.codebook_.themes] if self.codebook_ else []
        theme_docs = [self._normaliser.tokens(t) for t in theme_texts]
        self._log("Lager trekk (lemma og bokstav-n-gram) ...")
        self.features_ = TextFeatures(char_weight=3.0, random_state=self.random_state)
        use_background = self.background and self.mode != "discover" and bool(theme_docs)
        X, X_themes, X_ref = background.fit_features(
            self.features_, [docs[i] for i in rows], theme_docs, self._normaliser, use_background
        )
        Q = self._answer_vectors(texts, rows, vectors)
        self._background = None
        if use_background:
            self._background = background.Background(
                X_ref,
                background.vectors() if Q is not None else None,
                background.learnable(texts),
                background.labels(self.codebook_.keys),
            )
        self.semantic_ = Q is not None
        self._q_mean = Q.mean(axis=0) if Q is not None else None
        phrasings = [phrasing(texts[i], self._normaliser.max_chars) for i in rows]
        space = modes.Space([docs[i] for i in rows], X, Q, self._dense_space(X, Q), phrasings)
        themes = None
        if self.codebook_:
            Q_themes = semantic.embed_themes(theme_texts) if Q is not None else None
            themes = modes.Space(theme_docs, X_themes, Q_themes, None)
        self._log(f"Finner tema ({self.mode}) ...")
        part = modes.fit_mode(self, space, themes, coded, rows)
        self._finish(part, texts, rows, nonanswer, groups, X, space.E, space.docs)
        self._log(f"Ferdig på {time.perf_counter() - t0:.1f} s.")
        return self

    def _finish(self, part, texts, rows, nonanswer, groups, X, E, row_docs) -> None:
        Xw = X[:, : self.features_.n_word_features_]
        vocab = self.features_.word_vocabulary_
        self._partition = part
        self._centres = word_centres(Xw, part.main, len(part.keys))
        self.themes_: list[Theme] = build_themes(
            part, texts, rows, Xw, E, self._centres, vocab, self.forms_, groups
        )
        self.assignments_: list[Assignment] = build_assignments(
            part,
            rows,
            nonanswer,
            Xw,
            self._centres,
            vocab,
            self.forms_,
            groups,
            self.secondary_threshold,
            row_docs,
        )
        self.uncertain_ = modes.uncertain(part, rows, groups)

    def _answer_vectors(self, texts, rows, vectors, required=False) -> np.ndarray | None:
        """Return sentence vectors of the rows with content, or None (lexical only)."""
        if vectors is not None:
            V = np.asarray(vectors, dtype=np.float32)
            if V.ndim != 2 or V.shape[0] != len(texts):
                raise InvalidParameterError("vectors must have one row per answer.")
            return normalize(V[rows])
        off = self.semantic is False or (self.semantic == "auto" and not semantic.available())
        if off and not required:
            return None
        self._log("Leser meningen i svarene (setningsvektorer) ...")
        return semantic.embed_answers([texts[i] for i in rows])

    def _dense_space(self, X, Q) -> np.ndarray:
        """The space discovery clusters in: words (LSA) and meaning (centred sentence vectors)
        side by side with equal weight, or the LSA embedding alone without vectors."""
        lsa = self.features_.embed(X)
        if Q is None:
            return lsa
        return normalize(np.hstack([normalize(Q - self._q_mean), lsa]))

    def _fit_nothing(self, nonanswer, groups, coded) -> "ThemeModel":
        """Only non-answers (or contentless answers): a clear, empty result."""
        self.features_ = None
        self._partition = None
        self.themes_ = []
        self.assignments_ = empty_assignments(nonanswer, groups)
        return self

    # --------------------------------------------------------------- using it
    def predict(self, texts, vectors=None) -> list[Assignment]:
        """Assign new answers to the fitted themes without refitting.

        ``vectors`` are the answers' stored sentence vectors, as for :meth:`fit`.

        Returns
        -------
        list of Assignment
            ``index`` counts within ``texts``; ``duplicate_group`` is None.
        """
        self._check_fitted()
        with threadpool_limits(limits=1):
            return self._predict(as_texts(texts), vectors)

    def _predict(self, texts: list[str], vectors) -> list[Assignment]:
        docs = self._tokens(texts, log=False)
        nonanswer = [is_nonanswer(t) for t in texts]
        rows = content_rows(docs, nonanswer)
        groups: list[int | None] = [None] * len(texts)
        if self.features_ is None or len(rows) == 0:
            return empty_assignments(nonanswer, groups)
        X = self.features_.transform([docs[i] for i in rows])
        Q = None
        if self.semantic_:  # fitted with meaning: new answers need it too
            Q = self._answer_vectors(texts, rows, vectors, required=True)
        space = modes.Space([docs[i] for i in rows], X, Q, self._dense_space(X, Q))
        part = modes.predict_mode(self, space)
        Xw = X[:, : self.features_.n_word_features_]
        return build_assignments(
            part,
            rows,
            nonanswer,
            Xw,
            self._centres,
            self.features_.word_vocabulary_,
            self.forms_,
            groups,
            self.secondary_threshold,
            [docs[i] for i in rows],
        )

    def split(self, texts, theme: str, n_themes="auto", vectors=None) -> "ThemeModel":
        """Re-cluster the answers of one theme into sub-themes (discover mode).

        Parameters
        ----------
        texts : list of str or Series
            The same answers that were passed to :meth:`fit`.
        theme : str
            Key of the theme to split.
        n_themes : "auto" or int
        vectors : None or array
            The sentence vectors passed to :meth:`fit`, if any.

        Returns
        -------
        ThemeModel
            Fitted on that theme's answers; ``source_indices_`` maps its answers back.
        """
        self._check_fitted()
        texts = as_texts(texts)
        if len(texts) != self.n_answers_:
            raise InvalidParameterError("Pass the same answers that the model was fitted on.")
        members = [a.index for a in self.assignments_ if a.theme == theme]
        if not members:
            raise UnknownThemeError(theme)
        sub = clone(self).set_params(mode="discover", codebook=None, n_themes=n_themes)
        sub_vectors = None if vectors is None else np.asarray(vectors)[members]
        sub.fit([texts[i] for i in members], vectors=sub_vectors)
        sub.source_indices_ = members
        return sub

    def to_dict(self) -> dict:
        """Return the whole result as plain, JSON-ready data, with parameters and seed."""
        self._check_fitted()
        params = self.get_params()
        if isinstance(params["codebook"], Codebook):
            params["codebook"] = params["codebook"].to_dict()
        elif params["codebook"] is not None and not isinstance(params["codebook"], (dict, list)):
            params["codebook"] = str(params["codebook"])
        params["extra_stopwords"] = list(params["extra_stopwords"])
        if not isinstance(params["random_state"], (int, type(None))):
            params["random_state"] = repr(params["random_state"])
        return {
            "params": params,
            "random_state": params["random_state"],
            "mode": self.mode,
            "n_answers": self.n_answers_,
            "n_nonanswers": self.n_nonanswers_,
            "stability": {str(k): round(v, 4) for k, v in self.stability_.items()},
            "themes": [t.to_dict() for t in self.themes_],
            "assignments": [a.to_dict() for a in self.assignments_],
            "uncertain": list(self.uncertain_),
        }

    # ---------------------------------------------------------------- helpers
    def _validate(self) -> None:
        if self.mode not in MODES:
            raise InvalidParameterError(f"mode must be one of {MODES}, not {self.mode!r}.")
        if self.mode == "guided" and self.codebook is None:
            raise InvalidParameterError("Guided mode needs a codebook.")
        if self.n_themes != "auto" and (
            not isinstance(self.n_themes, (int, np.integer))
            or isinstance(self.n_themes, bool)
            or self.n_themes < 1
        ):
            raise InvalidParameterError("n_themes must be 'auto' or a positive integer.")

    def _check_fitted(self) -> None:
        try:
            _check_is_fitted(self, "assignments_")
        except Exception as exc:
            raise NotFittedError("Call fit before using the model.") from exc

    def _tokens(self, texts: list[str], log: bool = True) -> list:
        """Tokenise every answer once (identical answers share the work)."""
        cache: dict[str, list] = {}
        out = []
        for n, text in enumerate(texts, start=1):
            if text not in cache:
                cache[text] = self._normaliser.tokens(text)
            out.append(cache[text])
            if log and n % 20_000 == 0:
                self._log(f"  {n}/{len(texts)} svar lest")
        return out

    def _log(self, message: str) -> None:
        if self.verbose:
            print(message, file=sys.stderr, flush=True)

    def _min_size(self, n: int) -> int:
        if self.min_theme_size == "auto":
            return max(3, int(np.ceil(0.01 * n)))
        return max(2, int(self.min_theme_size))

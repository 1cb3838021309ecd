"""The story's own pages in the admin, beside its form: kill, take back to draft, translate, a revision
compared with now (and restored), and the history with the revisions; and the list of live stories
missing a translation. Each change goes through feed.workflow."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from common.editions import other_edition
from common.times import local_time

from .. import revisions, workflow
from ..models import Article
from .forms import KillForm

MISSING_TRANSLATIONS_PER_PAGE = 50


class StoryPagesMixin:
    """For ArticleAdmin, which routes to these views (get_urls)."""

    def _article_or_404(self, request, object_id):
        """The story, for those who may see it whole: its revisions hold text cut before publication."""
        article = self.get_object(request, object_id)
        if article is None or not article.can_be_viewed_by(request.user):
            raise Http404("No such story.")
        return article

    def kill_view(self, request, object_id):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        article = self._article_or_404(request, object_id)
        if not article.is_published:
            # A story that is not live has nothing to withdraw; a 410 would announce that it exists.
            raise Http404("Only a live story can be killed.")
        form = KillForm(request.POST or None, initial={"notice": article.kill_notice or KillForm.DEFAULT_NOTICE})
        if request.method == "POST" and form.is_valid():
            try:
                workflow.kill(article=article, user=request.user, notice=form.cleaned_data["notice"])
            except workflow.EditorialError as refusal:
                form.add_error(None, str(refusal))
            else:
                self.message_user(request, f"“{article}” is killed: its address answers “410 Gone” with your notice.")
                return redirect("admin:feed_article_change", article.pk)
        context = self.admin_site.each_context(request) | {
            "title": "Kill this story",
            "opts": self.opts,
            "original": article,
            "form": form,
        }
        return TemplateResponse(request, "admin/feed/article/kill.html", context)

    def return_to_draft_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        try:
            workflow.return_to_draft(article=article, user=request.user)
        except workflow.EditorialError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, f"“{article}” is back in draft; you can edit it again.")
        return redirect("admin:feed_article_change", article.pk)

    def translate_view(self, request, object_id):
        """Starts the translation into the posted `language` (by default the other edition's) and opens the
        new draft; a story that has one already opens that one instead, when the user may see it."""
        # Any story the user finds in the admin, published ones included (not only those seen whole).
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such story.")
        language = request.POST.get("language") or None
        try:
            outcome = workflow.translate(article=article, user=request.user, language=language)
        except workflow.TranslationExists as refusal:
            translation = refusal.translation
            if self.has_view_permission(request, translation) and translation.deleted_at is None:
                self.message_user(request, f"{refusal} Here it is.", messages.WARNING)
                return redirect("admin:feed_article_change", translation.pk)
            self.message_user(
                request,
                f"This story already has a version in {translation.get_language_display()}, which you cannot open"
                f"{' (it is in the trash)' if translation.deleted_at else ''}; ask an editor.",
                messages.ERROR,
            )
        except workflow.EditorialError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            draft = outcome.article
            self.message_user(
                request,
                f"A draft in {draft.get_language_display()} of “{article}” is ready for your translation: write "
                "over the headline, summary and body, and add its tags.",
            )
            return redirect("admin:feed_article_change", draft.pk)
        return redirect("admin:feed_article_change", article.pk)

    def missing_translations_view(self, request):
        """Live stories with no translation into one language (`into`, by default the one after the default
        language), newest first, a page at a time: two queries (the count and the page), whatever it shows."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        languages = dict(settings.LANGUAGES)
        into = request.GET.get("into")
        if into not in languages:
            into = other_edition(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        stories = (
            Article.objects.published()
            .without_translation_into(into)
            .select_related("section")
            .only("headline", "language", "published_at", *(f"section__name_{code}" for code in languages))
            .order_by("-published_at", "-id")
        )
        page = Paginator(stories, MISSING_TRANSLATIONS_PER_PAGE).get_page(request.GET.get("page"))
        context = self.admin_site.each_context(request) | {
            "title": f"Live stories missing a {languages[into]} version",
            "opts": self.opts,
            "into": into,
            "languages": [(code, name) for code, name in settings.LANGUAGES],
            "page": page,
            "can_translate": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/feed/article/missing_translations.html", context)

    def revision_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        version = get_object_or_404(revisions.versions_of(article), pk=version_id)
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            try:
                outcome = workflow.restore_revision(article=article, version=version, user=request.user)
            except workflow.EditorialError as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return redirect("admin:feed_article_revision", article.pk, version.pk)
            self.message_user(request, f"{outcome.message} The version it replaced is kept in the history.")
            return redirect("admin:feed_article_change", article.pk)
        rows, body = revisions.compare(version, article)
        context = self.admin_site.each_context(request) | {
            "title": f"Revision of {local_time(version.revision.date_created)}",
            "opts": self.opts,
            "original": article,
            "version": version,
            "rows": rows,
            "body_diff": body,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/feed/article/revision.html", context)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and not article.can_be_viewed_by(request.user):
            raise PermissionDenied
        versions = revisions.versions_of(article) if article else []
        return super().history_view(request, object_id, (extra_context or {}) | {"versions": versions})

"""The desk (the admin's front page for the newsroom), its one-click actions, quick post, and the
endpoints the article form's script calls for autosave and presence. Every view is wrapped in
admin.site.admin_view (desk/urls.py): staff only, CSRF-protected, never cached."""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from feed import workflow
from feed.models import Article

from . import services
from .forms import QuickPostForm, WorkingCopyForm
from .models import EditingSession

ROWS_PER_SECTION = 10

# The desk's buttons: the workflow service each one calls.
ACTIONS = {
    "publish": workflow.publish_now,
    "draft": workflow.return_to_draft,
    "review": workflow.submit_for_review,
    "unpublish": workflow.unpublish,
}


def desk_sections(user):
    """The desk's lists of stories the user may see, one query each: the stories with their sections,
    and the other users' editing sessions with their users and stories."""
    now = timezone.now()
    # A row shows no body, and the search document is never shown.
    unread = ("body", "search_vector")
    stories = Article.objects.visible_to_staff(user).select_related("section").defer(*unread)
    mine = (
        Article.objects.not_trashed()
        .filter(Q(created_by=user) | Q(bylines__author__user=user))
        .distinct()
        .select_related("section")
        .defer(*unread)
    )
    return {
        "live_now": list(stories.live_now().open_to_live_posts_by(user).order_by("-published_at")[:ROWS_PER_SECTION]),
        "in_review": list(stories.filter(status=Article.Status.REVIEW).order_by("modified_at")[:ROWS_PER_SECTION]),
        "scheduled": list(stories.scheduled().order_by("published_at")[:ROWS_PER_SECTION]),
        "live": list(
            stories.published()
            .filter(published_at__gte=now - timedelta(hours=24))
            .order_by("-published_at")[:ROWS_PER_SECTION]
        ),
        "my_drafts": list(mine.filter(status=Article.Status.DRAFT).order_by("-modified_at")[:ROWS_PER_SECTION]),
        "being_edited": list(
            EditingSession.objects.active()
            .filter(article__in=stories.values("pk"))
            .exclude(user=user)
            .select_related("user", "article")
            .defer(*(f"article__{name}" for name in unread))
            .order_by("-started_at")[:ROWS_PER_SECTION]
        ),
    }


def desk(request):
    if not request.user.has_perm("feed.view_article"):
        # Bio managers have no stories; their work is on the admin's own front page.
        return admin.site.index(request)
    context = admin.site.each_context(request) | {
        "title": "Desk",
        "can_publish": workflow.may_publish(request.user),
        "can_add": request.user.has_perm("feed.add_article"),
        **desk_sections(request.user),
    }
    return TemplateResponse(request, "desk/desk.html", context)


@require_POST
def act(request, article_id, action):
    """One of the desk's buttons on one story, through feed.workflow."""
    service = ACTIONS.get(action)
    if service is None:
        raise Http404("No such action.")
    article = get_object_or_404(Article.objects.visible_to_staff(request.user), pk=article_id)
    try:
        outcome = service(article=article, user=request.user)
    except workflow.EditorialError as refusal:
        messages.error(request, f"“{article}”: {refusal}")
    else:
        messages.success(request, f"“{outcome.article}”: {outcome.message}")
    return redirect("admin:index")


def quick_post(request):
    if not request.user.has_perm("feed.add_article"):
        raise PermissionDenied
    form = QuickPostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            article, outcome, refusal = services.quick_post(user=request.user, **form.cleaned_data)
        except workflow.EditorialError as refusal:
            form.add_error(None, str(refusal))
        else:
            if refusal is None:
                messages.success(request, f"“{article}”: {outcome.message}")
                return redirect("admin:index")
            messages.error(request, f"“{article}” is saved as a draft, but not published: {refusal}")
            return redirect("admin:feed_article_change", article.pk)
    context = admin.site.each_context(request) | {
        "title": "Quick post",
        "form": form,
        "can_publish": workflow.may_publish(request.user),
    }
    return TemplateResponse(request, "desk/quick_post.html", context)


# The article form's script.


def _story_to_edit(request, article_id):
    """The story, if the user may change it; 404 otherwise, so others' drafts stay unknown."""
    article = Article.objects.visible_to_staff(request.user).filter(pk=article_id).first()
    if article is None or not article.can_be_edited_by(request.user):
        raise Http404("No such story.")
    return article


@require_POST
def autosave(request, article_id):
    article = _story_to_edit(request, article_id)
    form = WorkingCopyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain; charset=utf-8")
    copy = services.keep_working_copy(
        user=request.user,
        article=article,
        fields=form.text_fields(),
        base_version=form.cleaned_data["known_version"],
    )
    saved_at = f"{timezone.localtime(copy.saved_at):%H:%M:%S}" if copy else None
    return JsonResponse({"kept": copy is not None, "saved_at": saved_at})


@require_POST
def presence(request, article_id):
    article = _story_to_edit(request, article_id)
    services.heartbeat(user=request.user, article=article)
    others = services.others_editing(user=request.user, article=article)
    return JsonResponse({"editing": [session.sentence for session in others]})


@require_POST
def leave(request, article_id):
    article = _story_to_edit(request, article_id)
    services.leave(user=request.user, article=article)
    return JsonResponse({"editing": []})


@require_POST
def discard(request, article_id):
    article = _story_to_edit(request, article_id)
    services.forget_working_copy(user=request.user, article=article)
    messages.info(request, "Your unsaved changes are discarded.")
    return redirect("admin:feed_article_change", article.pk)

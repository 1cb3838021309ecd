"""The live desk: one live story's composer, its stream of updates with their buttons, and the end and
reopening of its coverage. Every view is wrapped in admin.site.admin_view (live/desk_urls.py): staff
only, CSRF-protected, never cached. Every change goes through live.services or feed.workflow; a refusal
is shown as a message, with what was typed kept in the form."""

from csp.decorators import csp_update
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST
from js_asset import Media

from feed import workflow
from feed.admin.articles import PROSE_EDITOR_STYLE_HASH
from feed.models import Article

from . import services
from .forms import CorrectionForm, EditUpdateForm, PinForm, UpdateForm

# The composer's rich-text editor needs what the article form needs (feed/admin/articles.py says why).
with_prose_editor = csp_update({"style-src": [PROSE_EDITOR_STYLE_HASH]})

COVERAGE_ACTIONS = {"end": workflow.end_coverage, "reopen": workflow.reopen_coverage}


def _live_story(request, article_id):
    """The live story, if the user may see it (else 404) and post to it (else 403)."""
    article = get_object_or_404(
        Article.objects.visible_to_staff(request.user).filter(live_coverage=True), pk=article_id
    )
    if not services.may_post(article, request.user):
        raise PermissionDenied("Only editors and the reporters on this live story's byline may use its live desk.")
    return article


def _update(article, update_id):
    return get_object_or_404(article.live_updates.shown(), pk=update_id)


def _back_to_desk(article):
    return redirect("live_desk:desk", article.pk)


def _render(request, template, article, form, *, title, status=200, **context):
    return TemplateResponse(
        request,
        template,
        admin.site.each_context(request)
        | {
            "title": title,
            "story": article,
            "form": form,
            # The editor's import map is an inline script: it runs with this request's nonce.
            "media": Media.from_media(form.media, nonce=request.csp_nonce),
            **context,
        },
        status=status,
    )


def _render_desk(request, article, form, status=200):
    user = request.user
    updates = article.live_updates.shown().for_page()
    return _render(
        request,
        "live/desk.html",
        article,
        form,
        title=f"Live desk: {article}",
        status=status,
        stream=[(update, services.may_change(update, user)) for update in updates],
        can_publish=workflow.may_publish(user),
    )


@require_GET
@with_prose_editor
def desk(request, article_id):
    article = _live_story(request, article_id)
    return _render_desk(request, article, UpdateForm(may_pin=workflow.may_publish(request.user)))


@require_POST
@with_prose_editor
def post(request, article_id):
    """The live desk's composer and the desk's compact one (which sends `from_desk` to be sent back)."""
    article = _live_story(request, article_id)
    form = UpdateForm(request.POST, may_pin=workflow.may_publish(request.user))
    if not form.is_valid():
        return _render_desk(request, article, form, status=400)
    try:
        services.post_update(article=article, user=request.user, **form.cleaned_data)
    except workflow.EditorialError as refusal:
        messages.error(request, f"Not posted: {refusal} Your text is still in the form.")
        return _render_desk(request, article, form, status=409)
    messages.success(request, f"Posted to “{article}”.")
    if request.POST.get("from_desk"):
        return redirect("admin:index")
    return _back_to_desk(article)


@with_prose_editor
def edit(request, article_id, update_id):
    article = _live_story(request, article_id)
    update = _update(article, update_id)
    if not services.may_change(update, request.user):
        raise PermissionDenied
    form = EditUpdateForm(request.POST or None, instance=update)
    return _update_form_step(
        request,
        article,
        update,
        form,
        change=lambda data: services.edit_update(update=update, user=request.user, **data),
        refused="Not saved",
        done="The update is saved; readers see that it was edited.",
        template="live/edit_update.html",
        title="Edit the update",
    )


def correct(request, article_id, update_id):
    article = _live_story(request, article_id)
    update = _update(article, update_id)
    if not workflow.may_publish(request.user):
        raise PermissionDenied("Corrections are for editors.")
    return _update_form_step(
        request,
        article,
        update,
        CorrectionForm(request.POST or None),
        change=lambda data: services.correct_update(update=update, user=request.user, text=data["text"]),
        refused="No correction appended",
        done="The correction is appended to the update.",
        template="live/correct_update.html",
        title="Correct the update",
    )


def _update_form_step(request, article, update, form, *, change, refused, done, template, title):
    """A form about one update: shown (GET); posted, the change made through the services and back to
    the desk, or the form again with what was typed: 400 when invalid, 409 when the services refuse."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                change(form.cleaned_data)
            except workflow.EditorialError as refusal:
                messages.error(request, f"{refused}: {refusal}")
                status = 409
            else:
                messages.success(request, done)
                return _back_to_desk(article)
        else:
            status = 400
    return _render(request, template, article, form, title=title, update=update, status=status)


@require_POST
def pin(request, article_id, update_id):
    article = _live_story(request, article_id)
    update = _update(article, update_id)
    form = PinForm(request.POST)
    form.is_valid()  # a box ticked or not: always valid
    pinned = form.cleaned_data["pinned"]
    try:
        services.set_pinned(update=update, user=request.user, pinned=pinned)
    except workflow.EditorialError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Pinned as a key point." if pinned else "Taken out of the key points.")
    return _back_to_desk(article)


def delete(request, article_id, update_id):
    """Asks first (GET), then deletes (POST)."""
    article = _live_story(request, article_id)
    update = _update(article, update_id)
    if not services.may_change(update, request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.delete_update(update=update, user=request.user)
        except workflow.EditorialError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "The update is deleted: readers no longer see it anywhere.")
        return _back_to_desk(article)
    context = admin.site.each_context(request) | {"title": "Delete the update?", "story": article, "update": update}
    return TemplateResponse(request, "live/delete_update.html", context)


@require_POST
def coverage(request, article_id, action):
    service = COVERAGE_ACTIONS.get(action)
    if service is None:
        raise Http404("No such action.")
    article = _live_story(request, article_id)
    try:
        outcome = service(article=article, user=request.user)
    except workflow.EditorialError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, outcome.message)
    return _back_to_desk(article)

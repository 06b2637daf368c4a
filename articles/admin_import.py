"""The editors' import form and wikitext download on the article admin. Thin: the form checks the input,
``article_import`` does the work in one unit of work, and the page shows its import report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from articles.errors import ArticleFormatError, ArticleInTrash, ImportWouldOverwrite
from articles.forms import ArticleImportForm
from articles.models import Article
from articles.selectors import article_as_wikitext
from articles.services import article_import


class ArticleImportViews:
    """Mixed into ArticleAdmin: ``import/`` and ``<id>/wikitext/``."""

    def get_urls(self):
        views = [
            path("import/", self.admin_site.admin_view(self.import_view), name="articles_article_import"),
            path(
                "<int:object_id>/wikitext/",
                self.admin_site.admin_view(self.wikitext_view),
                name="articles_article_wikitext",
            ),
        ]
        return [*views, *super().get_urls()]

    def import_view(self, request):
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            result = self.run_import(request, form)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import an article",
            "form": form,
            "result": result,
            "report_lines": result.report.lines() if result and result.report else [],
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    def run_import(self, request, form):
        upload = form.cleaned_data["file"]
        try:
            result = article_import(
                data=upload.read(),
                slug=form.cleaned_data["slug"],
                title=form.cleaned_data["title"] or None,
                user=request.user,
                name=upload.name,
                force=form.cleaned_data["force"],
                format=form.cleaned_data["format"] or None,
            )
        except (ArticleFormatError, ArticleInTrash) as error:
            form.add_error("file", f"{error} — nothing was imported.")
            return None
        except ImportWouldOverwrite as refusal:
            edits = "; ".join(str(edit) for edit in refusal.edits)
            form.add_error(
                "force",
                f"The article was edited since its last import ({edits}). Nothing was "
                "imported; tick the box to import anyway.",
            )
            return None
        messages.success(request, f"Imported “{result.article.title}”.")
        return result

    def wikitext_view(self, request, object_id):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        response = HttpResponse(article_as_wikitext(article), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{article.slug}.wiki"'
        return response

from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.selectors import article_claims, article_sections
from sources.models import Source


def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.public()})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public(), slug=slug)
    context = {"article": article, "sections": article_sections(article), "claims": article_claims(article)}
    return render(request, "articles/article_detail.html", context)


def source_detail(request, slug, key):
    source = get_object_or_404(Source, article__slug=slug, article__is_public=True, key=key)
    return render(request, "articles/source_detail.html", {"source": source})

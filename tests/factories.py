import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article, Section
from editorial.work import article_touched, editorial_change
from sources.models import Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    article = factory.SubFactory(ArticleFactory)
    heading = factory.Sequence(lambda n: f"Heading {n}")
    level = 1
    order = factory.Sequence(lambda n: n + 1)
    body = ""


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    article = factory.SubFactory(ArticleFactory)
    key = factory.Sequence(lambda n: str(n + 1))


def mark_changed(article_id: int) -> None:
    """Publish a change made behind the services' back (a test writing rows directly), as the unit of
    work would."""
    with editorial_change():
        article_touched(article_id)

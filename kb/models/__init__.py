from .article import KBArticleDocument, KBArticlePage, KBArticleTag, KBRelatedArticle
from .document import KBDocument
from .pages import KBCategoryPage, KBSectionPage, KnowledgeBasePage
from .rating import ArticleRating
from .restriction import KBRestriction
from .settings import KBSettings

__all__ = [
    "ArticleRating",
    "KBArticleDocument",
    "KBArticlePage",
    "KBArticleTag",
    "KBCategoryPage",
    "KBDocument",
    "KBRelatedArticle",
    "KBRestriction",
    "KBSectionPage",
    "KBSettings",
    "KnowledgeBasePage",
]

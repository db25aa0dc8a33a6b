from .article import KBArticleDocument, KBArticlePage, KBArticleTag, KBRelatedArticle
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
    "KBRelatedArticle",
    "KBRestriction",
    "KBSectionPage",
    "KBSettings",
    "KnowledgeBasePage",
]

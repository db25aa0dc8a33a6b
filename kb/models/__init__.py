from .article import KBArticleDocument, KBArticlePage, KBArticleTag, KBRelatedArticle
from .pages import KBCategoryPage, KBSectionPage, KnowledgeBasePage
from .restriction import KBRestriction
from .settings import KBSettings

__all__ = [
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

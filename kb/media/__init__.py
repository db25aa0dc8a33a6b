"""The KB's files (documents and images) leave only for readers of a live page that uses them."""

"""HTTP Range requests (RFC 9110 §14) for every streamed file the portal sends: a video in a KB
article can seek, Safari on iOS (which plays media only from servers that answer ranges) plays
it, and a broken download can resume. Files are sent only after their access check, so a range
of a file that the reader may not fetch is never reached: the check answered 404 first."""

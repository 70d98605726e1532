package site

// PruneSlack lets tests prune the caches at any size.
var PruneSlack = &pruneSlack

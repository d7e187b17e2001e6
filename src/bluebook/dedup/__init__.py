"""dedup stage: near-duplicate documents (``documents``) and event clustering (``events``).

Pure logic, no database: the store calls these and keeps the results.
"""
from bluebook.dedup.events import Cluster, Mention, absorb, best_match, cluster_events, compatible

__all__ = ["Cluster", "Mention", "absorb", "best_match", "cluster_events", "compatible"]

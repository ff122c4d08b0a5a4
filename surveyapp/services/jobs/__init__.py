"""Background work on the Huey job queue, with its durable record in the ``job`` table.

* :mod:`.records`: job rows: queue one, hand it to Huey, claim it, beat, finish it.
* :mod:`.work`: what a worker does with a job (analysis, embedding, clean-up), recovery of
  jobs whose worker died, and retry.
* :mod:`.queue`: the Huey instance of an app (SQLite file, or Redis with ``REDIS_URL``), its
  tasks and periodic tasks, and the consumer ``flask worker`` runs.
"""

"""Demo scorecards as pure functions: the anchored scale, the consensus, the facts they set."""

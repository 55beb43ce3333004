"""Item pipelines, one class per module, in the order of ITEM_PIPELINES."""

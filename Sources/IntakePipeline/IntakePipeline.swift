// IntakePipeline: stage module (being written).

import Logging

/// The pipeline's log: a run's events (state opened, stages, each file read, publishing) through swift-log, under
/// the label `intake`. The program decides where they go and from which level (`intake` shows warnings by default,
/// `info` with `--verbose`); nothing here is per row.
enum PipelineLog {
    static let logger = Logger(label: "intake")
}

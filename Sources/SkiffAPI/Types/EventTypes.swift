/// v1 Event (core events, as kubectl describe lists them).
public struct Event: KubeObject, Hashable, ZeroValue {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Event", plural: "events", namespaced: true, shortNames: ["ev"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    public var source: EventSource?
    public var firstTimestamp: Time?
    public var lastTimestamp: Time?
    public var count: Int32?
    /// Normal or Warning.
    public var type: String?
    public var eventTime: MicroTime?
    public var series: EventSeries?
    public var action: String?
    public var related: ObjectReference?
    public var reportingComponent: String
    public var reportingInstance: String

    public init(
        apiVersion: String? = Event.resourceInfo.apiVersion,
        kind: String? = Event.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        involvedObject: ObjectReference = ObjectReference.zero,
        reason: String? = nil,
        message: String? = nil,
        source: EventSource? = nil,
        firstTimestamp: Time? = nil,
        lastTimestamp: Time? = nil,
        count: Int32? = nil,
        type: String? = nil,
        eventTime: MicroTime? = nil,
        series: EventSeries? = nil,
        action: String? = nil,
        related: ObjectReference? = nil,
        reportingComponent: String = "",
        reportingInstance: String = ""
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }

    public static var zero: Self { Self.init() }
}

public struct EventSource: Codable, Sendable, Hashable, ZeroValue {
    public var component: String?
    public var host: String?

    public init(
        component: String? = nil,
        host: String? = nil
    ) {
        self.component = component
        self.host = host
    }

    public static var zero: Self { Self.init() }
}

public struct EventSeries: Codable, Sendable, Hashable, ZeroValue {
    public var count: Int32?
    public var lastObservedTime: MicroTime?

    public init(
        count: Int32? = nil,
        lastObservedTime: MicroTime? = nil
    ) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }

    public static var zero: Self { Self.init() }
}

/// v1 Event (core events, as kubectl describe lists them).
public struct Event: KubeObject, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case involvedObject
        case reason
        case message
        case source
        case firstTimestamp
        case lastTimestamp
        case count
        case type
        case eventTime
        case series
        case action
        case related
        case reportingComponent
        case reportingInstance
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.involvedObject = try c.decodeIfPresent(ObjectReference.self, forKey: .involvedObject) ?? ObjectReference.zero
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.source = try c.decodeIfPresent(EventSource.self, forKey: .source)
        self.firstTimestamp = try c.decodeIfPresent(Time.self, forKey: .firstTimestamp)
        self.lastTimestamp = try c.decodeIfPresent(Time.self, forKey: .lastTimestamp)
        self.count = try c.decodeIfPresent(Int32.self, forKey: .count)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
        self.eventTime = try c.decodeIfPresent(MicroTime.self, forKey: .eventTime)
        self.series = try c.decodeIfPresent(EventSeries.self, forKey: .series)
        self.action = try c.decodeIfPresent(String.self, forKey: .action)
        self.related = try c.decodeIfPresent(ObjectReference.self, forKey: .related)
        self.reportingComponent = try c.decodeIfPresent(String.self, forKey: .reportingComponent) ?? ""
        self.reportingInstance = try c.decodeIfPresent(String.self, forKey: .reportingInstance) ?? ""
    }

    public static let requiredFields: Set<String> = ["reportingComponent", "reportingInstance"]
}

public struct EventSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case component
        case host
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.component = try c.decodeIfPresent(String.self, forKey: .component)
        self.host = try c.decodeIfPresent(String.self, forKey: .host)
    }

    public static let requiredFields: Set<String> = []
}

public struct EventSeries: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case count
        case lastObservedTime
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.count = try c.decodeIfPresent(Int32.self, forKey: .count)
        self.lastObservedTime = try c.decodeIfPresent(MicroTime.self, forKey: .lastObservedTime)
    }

    public static let requiredFields: Set<String> = []
}

import Foundation
import SkiffAPI

enum JSONValueHelpers {
    static func parse(_ s: String) throws -> JSONValue { try JSONValue(from: Data(s.utf8)) }
}

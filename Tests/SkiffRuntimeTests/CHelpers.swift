import CSkiffRuntime

func skiffFormat(_ sec: Int64, _ nsec: Int, _ buf: inout [CChar]) -> Int32 {
    skiff_format_rfc3339nano(sec, nsec, &buf, Int32(buf.count))
}

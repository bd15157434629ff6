//! The `nova-images` binary: everything is in the library's `app` module, so that the
//! command line is one thin call.

fn main() -> std::process::ExitCode {
    nova_images::app::main()
}

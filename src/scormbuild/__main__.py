from scormbuild.cli import main

main()

from collsec.cli import main

main()

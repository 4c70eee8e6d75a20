import CPocketSphinx; import CEspeakNG
